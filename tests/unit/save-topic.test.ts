// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applySaveButton, type SaveTopic } from '@/entrypoints/x.content/save-topic';
import { findTweets, parseTweet } from '@/lib/x/adapter';
import { tweetHtml } from '../fixtures/x-dom';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A tweet of the page, read, with its save button drawn; the button and its words. */
function drawn(save: SaveTopic) {
  document.body.innerHTML = tweetHtml({ handle: 'Inria', name: 'Inria', id: '1856000000000000001', text: 'Le 11 février', hashtags: ['#science'] }); // test fixture only
  applySaveButton(parseTweet(findTweets(document.body)[0]!)!, save, 'light');
  const root = document.querySelector('[data-veille=save]')!.shadowRoot!;
  return { button: root.querySelector('button')!, said: () => root.querySelector('[role=status]')!.textContent };
}

describe("a tweet's save button (☆)", () => {
  it('saves the tweet as a topic, and says so', async () => {
    const save = vi.fn<SaveTopic>(async () => ({ topic: { id: 't', title: 'Inria: Le 11 février', status: 'new' }, created: true, issues: [] }));
    const { button, said } = drawn(save);
    button.click();
    await vi.waitFor(() => expect(said()).toBe('Saved as a new topic.'));
    expect(button.textContent).toBe('★');
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ sourceHandle: 'inria', sourceTweetId: '1856000000000000001', hashtags: ['#science'] }));
  });

  it('says why the board refused it, in the words of the page, and leaves the star empty', async () => {
    const save = vi.fn<SaveTopic>(async () => ({ topic: null, created: false, issues: [{ field: 'hashtags', message: 'err_hashtag_too_long' }] }));
    const { button, said } = drawn(save);
    button.click();
    // (Was the message's key itself: "Something went wrong: err_hashtag_too_long".)
    await vi.waitFor(() => expect(said()).toBe('Something went wrong: A hashtag is longer than 61 characters.'));
    expect([button.textContent, button.disabled]).toEqual(['☆', false]);
  });
});
