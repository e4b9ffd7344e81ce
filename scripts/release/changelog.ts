/**
 * CHANGELOG.md in Keep a Changelog form (https://keepachangelog.com/en/1.1.0/): one `## [x.y.z] - date`
 * section per release, `Unreleased` in place of the date until the release command dates it.
 */

/** One version's section: its heading line, its date (or `Unreleased`) and its body. */
export interface ChangelogSection {
  readonly version: string;
  readonly date: string;
  readonly heading: string;
  readonly body: string;
}

const HEADING = /^## \[([^\]]+)\](?: - (.+))?$/;

/** Every `## [version] - date` section, in file order. */
export function changelogSections(text: string): ChangelogSection[] {
  const lines = text.split('\n');
  const sections: ChangelogSection[] = [];
  lines.forEach((line, i) => {
    const match = HEADING.exec(line.trim());
    if (!match) return;
    let end = i + 1;
    while (end < lines.length && !/^## /.test(lines[end]) && !/^\[[^\]]+\]: /.test(lines[end])) end++;
    sections.push({
      version: match[1],
      date: (match[2] ?? '').trim(),
      heading: line,
      body: lines.slice(i + 1, end).join('\n'),
    });
  });
  return sections;
}

/** The list items (`- ...`) of a section's body. */
export function changelogEntries(section: ChangelogSection): string[] {
  return section.body
    .split('\n')
    .filter((line) => /^\s*[-*] \S/.test(line))
    .map((line) => line.trim());
}

/** The section of `version`; throws naming the versions present when there is none or it lists no change. */
export function requireChangelogSection(text: string, version: string): ChangelogSection {
  const sections = changelogSections(text);
  const section = sections.find((s) => s.version === version);
  if (!section) {
    throw new Error(
      `CHANGELOG.md has no "## [${version}] - Unreleased" section (it has: ${sections.map((s) => s.version).join(', ') || 'none'}); add one listing this release's changes`,
    );
  }
  if (changelogEntries(section).length === 0) {
    throw new Error(
      `CHANGELOG.md section [${version}] lists no change: add at least one "- ..." line under ### Added, Changed, Fixed or Breaking`,
    );
  }
  if (section.date !== 'Unreleased' && !/^\d{4}-\d{2}-\d{2}$/.test(section.date)) {
    throw new Error(
      `CHANGELOG.md section [${version}] is dated "${section.date}": expected "Unreleased" or YYYY-MM-DD`,
    );
  }
  return section;
}

/** `text` with the `Unreleased` of `version`'s heading replaced by `date` (YYYY-MM-DD); unchanged when dated. */
export function dateChangelogSection(text: string, version: string, date: string): string {
  const section = requireChangelogSection(text, version);
  if (section.date !== 'Unreleased') return text;
  return text.replace(section.heading, `## [${version}] - ${date}`);
}
