import type { Topic } from '@/lib/schemas';

/** A topic's title: a link to its source (a tweet, a page) where it has one. */
export function TopicTitle({ topic }: { topic: Pick<Topic, 'title' | 'url'> }) {
  return topic.url ? (
    <a href={topic.url} target="_blank" rel="noreferrer">
      {topic.title}
    </a>
  ) : (
    <>{topic.title}</>
  );
}
