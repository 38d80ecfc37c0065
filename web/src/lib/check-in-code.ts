// A ticket's check-in code as people and cameras give it: our ticket link (?code=…), or the
// code itself, typed in groups ("3F9A 1C0B …") or read out with dashes.
export function codeFromScan(value: string): string | null {
  const trimmed = value.trim();
  try {
    const code = new URL(trimmed).searchParams.get('code');
    if (code) return normaliseCode(code);
  } catch {
    // Not a link: maybe the code itself.
  }
  return normaliseCode(trimmed);
}

export function normaliseCode(value: string): string | null {
  const bare = value.replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-Z]{4,64}$/.test(bare) ? bare : null;
}
