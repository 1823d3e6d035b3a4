/**
 * Building a tree from a flat list of loaded comments (a page plus replies).
 *
 * @since 0.1.0
 */

/** What a tree node needs to know of a comment. @since 0.1.0 @category models */
export interface Treeable {
  readonly id: string
  readonly parentId: string | null
}

/** @since 0.1.0 @category models */
export interface Node<A extends Treeable> {
  readonly comment: A
  readonly children: ReadonlyArray<Node<A>>
}

/**
 * Nests comments under their parents, keeping the input order among siblings.
 * A comment whose parent is not in the list becomes a root, so nothing loaded
 * is ever dropped; duplicates (the same id twice) keep their first occurrence.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * Tree.build([...page.comments, ...page.replies])
 */
export const build = <A extends Treeable>(comments: ReadonlyArray<A>): ReadonlyArray<Node<A>> => {
  const children = new Map<string, Array<Node<A>>>()
  const nodes = new Map<string, Node<A>>()
  const order: Array<A> = []
  for (const comment of comments) {
    if (nodes.has(comment.id)) continue
    const kids: Array<Node<A>> = []
    children.set(comment.id, kids)
    nodes.set(comment.id, { comment, children: kids })
    order.push(comment)
  }
  const roots: Array<Node<A>> = []
  for (const comment of order) {
    const node = nodes.get(comment.id)!
    const parent =
      comment.parentId === null || comment.parentId === comment.id
        ? undefined
        : children.get(comment.parentId)
    if (parent !== undefined && !isAncestor(nodes, comment.id, comment.parentId)) parent.push(node)
    else roots.push(node)
  }
  return roots
}

/** True when `id` is an ancestor of `parentId` in the given records: a cycle. */
const isAncestor = <A extends Treeable>(
  nodes: Map<string, Node<A>>,
  id: string,
  parentId: string | null,
): boolean => {
  const seen = new Set<string>()
  let cursor = parentId
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === id) return true
    seen.add(cursor)
    cursor = nodes.get(cursor)?.comment.parentId ?? null
  }
  return false
}

/** Every comment of a tree, depth first, parents before children. @since 0.1.0 @category getters */
export const flatten = <A extends Treeable>(roots: ReadonlyArray<Node<A>>): ReadonlyArray<A> =>
  roots.flatMap((node) => [node.comment, ...flatten(node.children)])
