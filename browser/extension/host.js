// The one place the extension talks to Nacre: the native messaging host `org.nacre.host`,
// which the browser starts for each message and which replies once and exits.
// Every reply is `{ok: true, ...}` or `{ok: false, error: {code, message}}`; a host that is
// missing or fails is turned into the same shape (code "notConnected"), so callers handle one.

export const HOST_NAME = "org.nacre.host";

/** Sends one message to the host and resolves with its reply (never rejects). */
export async function ask(message) {
  try {
    const reply = await chrome.runtime.sendNativeMessage(HOST_NAME, message);
    if (reply && typeof reply === "object" && typeof reply.ok === "boolean") return reply;
    return failure("badReply", "Nacre's host replied with something that is not a Nacre reply");
  } catch (e) {
    const text = String(e?.message ?? e);
    return failure(
      "notConnected",
      `Nacre is not connected to this browser (${text}). Run “nacre browser install”, then try again.`,
    );
  }
}

function failure(code, message) {
  return { ok: false, error: { code, message } };
}
