// What the page itself knows, read in the tab on the user's click (scripting + activeTab):
// the title as shown, the selected text, the meta description, og: tags, the canonical URL and
// the favicon (its URL, and its image when it is on the page's own site, so the pearl shows it
// without Nacre fetching anything). `readPage` runs inside the page: it must stay
// self-contained (no imports, no outside names) and only read.

/** Runs in the page. Returns the page's details in the native format's field names. */
export async function readPage() {
  const meta = (selector) => {
    const el = document.querySelector(selector);
    const value = el?.getAttribute("content")?.trim();
    return value ? value.slice(0, 2000) : undefined;
  };
  const link = (selector) => {
    const el = document.querySelector(selector);
    return el?.href ? el.href : undefined;
  };
  const selection = String(window.getSelection?.() ?? "")
    .trim()
    .slice(0, 20000);
  const faviconUrl = link('link[rel~="icon"]');
  // The icon as a data: URL: only from the page's own site (no request goes elsewhere), small,
  // an image, within a second; otherwise none (Nacre then shows the page's initial).
  const faviconData = async () => {
    try {
      const url = new URL(faviconUrl ?? "/favicon.ico", location.href);
      if (url.origin !== location.origin) return undefined;
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), 1000);
      const response = await fetch(url, { signal: stop.signal, credentials: "same-origin" });
      const blob = response.ok ? await response.blob() : null;
      clearTimeout(timer);
      if (!blob || blob.size === 0 || blob.size > 65536 || !blob.type.startsWith("image/"))
        return undefined;
      return await new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => resolve(undefined);
        reader.readAsDataURL(blob);
      });
    } catch {
      return undefined;
    }
  };
  return {
    title: document.title?.trim() || meta('meta[property="og:title"]'),
    selection,
    details: {
      title: meta('meta[property="og:title"]') ?? (document.title?.trim() || undefined),
      description: meta('meta[name="description"]') ?? meta('meta[property="og:description"]'),
      siteName: meta('meta[property="og:site_name"]'),
      imageUrl: meta('meta[property="og:image"]'),
      faviconUrl,
      faviconData: await faviconData(),
      canonicalUrl: link('link[rel="canonical"]'),
    },
  };
}

/**
 * Reads the page in `tab` when the extension may (the user clicked, pressed the shortcut or
 * used the context menu on it); otherwise what the tab object already says.
 */
export async function pageOf(tab) {
  const fallback = {
    title: tab.title ?? "",
    selection: "",
    details: { title: tab.title || undefined, faviconUrl: tab.favIconUrl || undefined },
  };
  // A refusal is tried once more after a moment: a tab that has just been focused or finished
  // loading can refuse the first script, and the user's selection would be lost to it.
  for (const wait of [0, 250]) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        func: readPage,
      });
      const page = result?.result;
      if (!page) return fallback;
      page.details.faviconUrl ??= tab.favIconUrl || undefined;
      return page;
    } catch {
      // Pages the extension may not read (chrome:, the store, PDF viewers): the tab's own title.
    }
  }
  return fallback;
}
