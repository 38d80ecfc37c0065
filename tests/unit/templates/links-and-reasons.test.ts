// The last check on links before an email leaves, other people's links hidden, and the
// "why this match" phrases.
import { describe, expect, it } from 'vitest';
import { findOffSiteLink } from '../../../jobs/mail/templates/link-guard.ts';
import { quotedText } from '../../../jobs/mail/templates/format.ts';
import { matchReasons, phraseMatchPart, type MatchPart } from '../../../jobs/mail/templates/match-reasons.ts';
import { renderNotification, TemplateError } from '../../../jobs/mail/templates/index.ts';
import { PARTS } from './fixtures.ts';

const site = 'https://kaifong.example';
const email = (html: string, text = '', subject = 'Hello') => ({ html, text, subject });

describe('findOffSiteLink', () => {
  it('passes links on the site, relative or absolute', () => {
    expect(
      findOffSiteLink(
        email(
          '<a href="https://kaifong.example/mentors?x=1&amp;y=2">a</a><a href="/events">b</a><img src="https://kaifong.example/logo.png"> kaifong.example',
          'Open https://kaifong.example/mentors.\n(https://kaifong.example/x)',
        ),
        site,
      ),
    ).toBeUndefined();
  });

  it.each([
    ['an href elsewhere', email('<a href="https://evil.example/">x</a>')],
    ['an href with an escaped scheme', email('<a href="javascript&#58;alert(1)">x</a>')],
    ['a protocol-relative href', email("<a href='//evil.example/x'>x</a>")],
    ['the same host on another scheme', email('<a href="http://kaifong.example/">x</a>')],
    ['an image elsewhere', email('<img src=https://tracker.example/p.gif>')],
    ['a bare URL in the HTML text', email('<p>go to https://evil.example now</p>')],
    ['an escaped URL in the HTML text', email('<p>go to https&#x3a;//evil.example now</p>')],
    ['a URL in the plain text', email('<p></p>', 'go to https://evil.example')],
    ['a www. host in the text', email('<p></p>', 'see www.evil.example/offer')],
    ['a URL in the subject', email('<p></p>', '', 'Win at https://evil.example')],
  ])('finds %s', (_name, candidate) => {
    expect(findOffSiteLink(candidate, site)).toBeDefined();
  });

  it('does not mistake an email address at a www. host for a link', () => {
    expect(findOffSiteLink(email('<p>mei@www.example.org</p>', 'mei@www.example.org'), site)).toBeUndefined();
  });

  it('makes rendering fail with a TemplateError, so the worker never sends it', () => {
    // A template that forgot to hide a link would be stopped here; simulate with a payload link.
    expect(() =>
      renderNotification('mentorship-ended', {
        payload: { recipientName: 'A', otherName: 'B', link: 'https://evil.example/' },
        locale: 'en',
        publicUrl: site,
      }),
    ).toThrow(TemplateError);
  });
});

describe('quotedText', () => {
  it('hides links in other people’s words, in the reader language, and keeps the rest', () => {
    expect(quotedText('CV at https://cv.example/me, or www.me.example. Mail me@www.me.example', 'en')).toBe(
      'CV at [link hidden] or [link hidden] Mail me@www.me.example',
    );
    expect(quotedText('看 http://x.example', 'zh-Hant')).toBe('看 [已隱藏連結]');
    expect(quotedText('Dr. Chan (Wan Chai) <b>', 'en')).toBe('Dr. Chan (Wan Chai) <b>');
  });
});

describe('matchReasons', () => {
  it('says the three strongest parts with points, in each language', () => {
    expect(matchReasons(PARTS, 'en')).toEqual([
      'Same industry: Fintech',
      'Both speak Cantonese (fluent)',
      'Shared goals: Job search and Learning Cantonese',
    ]);
    expect(matchReasons(PARTS, 'zh-Hant')).toEqual(['同一行業：金融科技', '雙方都會說廣東話（流利）', '共同目標：求職及學習廣東話']);
    expect(matchReasons(PARTS, 'tl')[1]).toBe('Pareho kayong nagsasalita ng Cantonese (matatas)');
    expect(matchReasons(PARTS, 'id')[1]).toBe('Sama-sama menguasai bahasa Kanton (fasih)');
  });

  it('orders by points, skips parts without points, the load penalty and codes it does not know', () => {
    const parts: MatchPart[] = [
      { part: 'industry', points: 0, reason: 'different_industry' },
      { part: 'language', points: 12, reason: 'shared_language', language: 'id', level: 'native' },
      { part: 'goals', points: 0, reason: 'no_shared_goals' },
      { part: 'availability', points: 10, reason: 'shared_slots', slots: 1 },
      { part: 'location', points: 20, reason: 'teleportation' },
      { part: 'experience', points: 2, reason: 'more_senior', years: 1 },
      { part: 'load', points: -4, reason: 'mentor_load' },
    ];
    expect(matchReasons(parts, 'en')).toEqual([
      'Both speak Indonesian (native)',
      'Free at the same time (1 time a week)',
      'The mentor has 1 more year of experience',
    ]);
    expect(matchReasons(parts, 'id')[0]).toBe('Sama-sama menguasai Bahasa Indonesia (bahasa ibu)');
    expect(matchReasons([], 'en')).toEqual([]);
  });

  it('names districts, regions and industries from the reference data, English where a language has no name', () => {
    expect(phraseMatchPart({ part: 'location', points: 5, reason: 'same_district', district: 'sham-shui-po' }, 'zh-Hant')).toBe('同區：深水埗區');
    expect(phraseMatchPart({ part: 'location', points: 5, reason: 'same_district', district: 'sham-shui-po' }, 'tl')).toBe(
      'Parehong distrito: Sham Shui Po',
    );
    expect(phraseMatchPart({ part: 'location', points: 3, reason: 'same_region', region: 'kowloon' }, 'zh-Hant')).toBe('同一地區：九龍');
    expect(phraseMatchPart({ part: 'location', points: 2, reason: 'video_offered' }, 'en')).toBe('Can meet by video call');
    expect(phraseMatchPart({ part: 'industry', points: 20, reason: 'same_group', group: 'technology' }, 'id')).toBe(
      'Industri yang berkaitan: Teknologi',
    );
    expect(phraseMatchPart({ part: 'industry', points: 30, reason: 'mentor_expertise', industry: 'data-ai' }, 'en')).toBe(
      "The mentor's expertise includes Data & AI",
    );
    expect(phraseMatchPart({ part: 'industry', points: 35, reason: 'same_industry', industry: 'no-such-industry' }, 'en')).toBeUndefined();
  });
});
