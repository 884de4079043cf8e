/** A partner's tags, each a chip. */
export function TagChips({ tags }: { tags: readonly string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <span class="chip" key={tag}>
          {tag}
        </span>
      ))}
    </>
  );
}
