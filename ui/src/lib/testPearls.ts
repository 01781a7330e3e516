// Pearls for unit tests of the pure helpers.

import type { Pearl } from "../bindings/Pearl";
import type { PearlKind } from "../bindings/PearlKind";

export function pearl(id: number, kind: PearlKind, parentId: number, childCount = 0): Pearl {
  return {
    id,
    kind,
    parentId,
    title: `p${id}`,
    titleIsUser: true,
    note: "",
    url: kind === "link" ? `https://example.com/${id}` : null,
    aliasTarget: null,
    tags: [],
    createdAt: 0,
    modifiedAt: 0,
    childCount,
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
  };
}
