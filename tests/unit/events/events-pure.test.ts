// The pure parts of events: the Markdown renderer, slugs, the iCalendar builder and when
// reminders are due.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/services/markdown.ts';
import { slugify } from '../../../server/services/organisations.ts';
import { buildCalendar, calendarLocation, parseMailbox } from '../../../server/services/calendar.ts';
import { reminderDueAt } from '../../../server/services/reminders.ts';

describe('renderMarkdown', () => {
  it('keeps the formatting organisers use', () => {
    const html = renderMarkdown('# Title\n\n- one\n- two\n\n**bold** _it_ `code`\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    for (const tag of ['<h1>', '<ul>', '<li>', '<strong>', '<em>', '<code>', '<blockquote>', '<table>', '<td>']) expect(html).toContain(tag);
  });

  it.each([
    ['<script>alert(1)</script>', /<script|alert/],
    ['<img src=x onerror=alert(1)>', /<img|onerror/],
    ['<a href="#" onclick="steal()">x</a>', /onclick/],
    ['[x](javascript:alert(1))', /javascript:/i],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', /href="[^"]*script/i],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', /data:/],
    ['<iframe src="https://evil.example"></iframe>', /iframe/],
    ['<p style="background:url(javascript:alert(1))">x</p>', /style/],
    ['<svg><script>alert(1)</script></svg>', /svg|script/],
  ])('strips %s', (markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('opens links safely', () => {
    expect(renderMarkdown('[map](https://maps.example.org)')).toBe(
      '<p><a href="https://maps.example.org" rel="noopener noreferrer nofollow ugc" target="_blank">map</a></p>',
    );
  });
});

describe('slugify', () => {
  it.each([
    ['Fintech Newcomers Evening', 'fintech-newcomers-evening'],
    ['Café & Résumé: CVs!', 'cafe-resume-cvs'],
    ['  --Hello   World--  ', 'hello-world'],
    ['中秋節聚會', ''],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('stays short, cut at a word', () => {
    const slug = slugify('A very long title about many things that keeps going on and on past any sensible length');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('buildCalendar', () => {
  const entry = {
    id: '11111111-2222-3333-4444-555555555555',
    slug: 'lantern-walk-abc123',
    title: 'Lantern walk; bring a torch, please',
    summary: 'A walk.',
    startsAt: '2031-09-20T11:00:00.000Z',
    endsAt: '2031-09-20T13:30:00.000Z',
    venue: 'Victoria Park',
    districtCode: 'wan-chai',
    isOnline: false,
    organisationName: 'Harbour Newcomers',
    sequence: 3,
    cancelled: false,
  };

  it('writes Hong Kong wall-clock times whatever the server’s zone, with UTC DTSTAMP', () => {
    const ics = buildCalendar([entry], { publicUrl: 'https://kaifong.example/', method: 'PUBLISH' });
    expect(ics).toContain('DTSTART;TZID=Asia/Hong_Kong:20310920T190000');
    expect(ics).toContain('DTEND;TZID=Asia/Hong_Kong:20310920T213000');
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(ics).toContain('SUMMARY:Lantern walk\\; bring a torch\\, please');
    expect(ics).toContain('LOCATION:Victoria Park\\, Wan Chai');
    expect(ics).toContain('URL;VALUE=URI:https://kaifong.example/events/lantern-walk-abc123');
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });

  it('marks a cancellation', () => {
    const ics = buildCalendar([entry], { publicUrl: 'https://kaifong.example', method: 'CANCEL' });
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SEQUENCE:3');
  });

  it('names the place', () => {
    expect(calendarLocation({ venue: null, districtCode: 'online', isOnline: true })).toBe('Online');
    expect(calendarLocation({ venue: null, districtCode: 'online', isOnline: true, onlineUrl: 'https://meet.example.org/x' })).toBe('https://meet.example.org/x');
    expect(calendarLocation({ venue: 'Hall', districtCode: null, isOnline: true })).toBe('Hall / Online');
    expect(calendarLocation({ venue: null, districtCode: null, isOnline: false })).toBeNull();
  });

  it('reads a mailbox', () => {
    expect(parseMailbox('Kaifong <hello@kaifong.test>')).toEqual({ name: 'Kaifong', email: 'hello@kaifong.test' });
    expect(parseMailbox('hello@kaifong.test')).toEqual({ name: 'Kaifong', email: 'hello@kaifong.test' });
  });
});

describe('reminderDueAt', () => {
  const start = new Date('2031-01-10T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('is 24 h and 2 h before the start', () => {
    expect(reminderDueAt(start, '24h', at('2031-01-01T00:00:00Z'))).toEqual(at('2031-01-09T12:00:00Z'));
    expect(reminderDueAt(start, '2h', at('2031-01-01T00:00:00Z'))).toEqual(at('2031-01-10T10:00:00Z'));
  });

  it('is now when overdue but still useful, and never once the next one is due or the event has started', () => {
    const now = at('2031-01-10T02:00:00Z');
    expect(reminderDueAt(start, '24h', now)).toEqual(now);
    expect(reminderDueAt(start, '24h', at('2031-01-10T10:00:00Z'))).toBeNull();
    expect(reminderDueAt(start, '2h', at('2031-01-10T11:00:00Z'))).toEqual(at('2031-01-10T11:00:00Z'));
    expect(reminderDueAt(start, '2h', at('2031-01-10T12:00:00Z'))).toBeNull();
  });
});
