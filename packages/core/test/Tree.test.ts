import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import * as Tree from "../src/services/Tree.js"

interface Item {
  readonly id: string
  readonly parentId: string | null
}

/** Random forests: each item's parent is an earlier item or none. */
const forest = fc.array(fc.nat(), { maxLength: 60 }).map((picks) =>
  picks.map(
    (pick, index): Item => ({
      id: `c${index}`,
      parentId: index === 0 || pick % 3 === 0 ? null : `c${pick % index}`,
    }),
  ),
)

describe("Tree.build", () => {
  it("build – should keep every comment exactly once", () => {
    fc.assert(
      fc.property(forest, fc.boolean(), (items, shuffle) => {
        const input = shuffle ? [...items].reverse() : items
        const flat = Tree.flatten(Tree.build(input))
        expect(flat.map((c) => c.id).sort()).toEqual(input.map((c) => c.id).sort())
      }),
    )
  })

  it("build – should nest each comment under its parent when the parent is loaded", () => {
    fc.assert(
      fc.property(forest, (items) => {
        const walk = (nodes: ReadonlyArray<Tree.Node<Item>>, parent: string | null) => {
          for (const node of nodes) {
            if (parent !== null) expect(node.comment.parentId).toBe(parent)
            walk(node.children, node.comment.id)
          }
        }
        walk(Tree.build(items), null)
      }),
    )
  })

  it("build – should keep sibling order as given", () => {
    fc.assert(
      fc.property(forest, (items) => {
        const roots = Tree.build(items)
        const expectedRoots = items.filter((c) => c.parentId === null).map((c) => c.id)
        expect(roots.map((n) => n.comment.id)).toEqual(expectedRoots)
      }),
    )
  })

  it("build – should make orphans roots, drop duplicates and survive cycles", () => {
    const roots = Tree.build([
      { id: "a", parentId: "missing" },
      { id: "b", parentId: "c" },
      { id: "c", parentId: "b" },
      { id: "a", parentId: null },
      { id: "d", parentId: "d" },
    ])
    expect(
      Tree.flatten(roots)
        .map((c) => c.id)
        .sort(),
    ).toEqual(["a", "b", "c", "d"])
  })
})
