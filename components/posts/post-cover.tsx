import { fileUrl } from "@/components/files/file-url";
import type { StoredFile } from "@/components/files/stored-file";

/**
 * A post's cover image: the 1200-wide thumbnail (its own proportions) on wider screens, the 400x225 crop on phones,
 * where it spans the screen anyway. Decorative: the title beside it says what the post is.
 */
export function PostCover({ postId, cover }: { postId: string; cover: StoredFile }) {
  const url = (thumb: string) => fileUrl({ resource: "posts", recordId: postId, field: "cover", file: cover, thumb });
  // The wide thumbnail keeps the original's proportions; without dimensions (not an image we could read) 16:9.
  const width = 1200;
  const height = cover.width && cover.height ? Math.round((cover.height / cover.width) * width) : 675;
  return (
    <picture>
      <source media="(max-width: 640px)" srcSet={url("400x225")} width={400} height={225} />
      <img
        src={url("1200x0")}
        alt=""
        width={width}
        height={height}
        data-testid="post-cover"
        className="mb-6 h-auto max-h-[28rem] w-full rounded-lg bg-zinc-100 object-cover dark:bg-zinc-800"
      />
    </picture>
  );
}
