/** What a screen shows while its data loads. */
export const Loading = ({ what = "Loading…" }: { readonly what?: string }) => (
  <p className="muted" role="status">
    {what}
  </p>
)
