import { fillProfileTemplate, type ProfileIdentity } from './profile-template.js';

/** Characters the AWS SDKs accept in a profile name; anything else becomes "-". */
function sanitise(name: string): string {
  return name.replace(/[^\w\-@+.]/g, '-').replace(/-{2,}/g, '-');
}

/** What is added to names that clash, in this order, so a name still says what it is: the role, then the session, then the account id. */
const QUALIFIERS: readonly { placeholder: string; value: (profile: ProfileIdentity) => string }[] = [
  { placeholder: '{role}', value: (profile) => profile.role },
  { placeholder: '{session}', value: (profile) => profile.session },
  { placeholder: '{id}', value: (profile) => profile.accountId },
];

/** Indices by the name they have now. */
function byName(names: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  names.forEach((name, index) => {
    const group = groups.get(name);
    if (group) group.push(index);
    else groups.set(name, [index]);
  });
  return groups;
}

/**
 * One profile name per role, from the template, unique among them and apart from `taken` (names already in the file outside
 * Keyless's block). Names that clash (or are empty, or taken) gain the first qualifier the template lacks that tells them apart;
 * whatever still clashes after every qualifier (only possible through the "-" of sanitising) gets ".2", ".3"…
 */
export function uniqueProfileNames(profiles: readonly ProfileIdentity[], template: string, taken: ReadonlySet<string> = new Set()): string[] {
  const open = QUALIFIERS.filter((qualifier) => !template.includes(qualifier.placeholder));
  const base = profiles.map((profile) => fillProfileTemplate(template, profile));
  const applied = profiles.map(() => new Set<(typeof QUALIFIERS)[number]>());
  const nameOf = (index: number) =>
    sanitise(
      [base[index]!, ...open.filter((qualifier) => applied[index]!.has(qualifier)).map((qualifier) => qualifier.value(profiles[index]!))]
        .filter(Boolean)
        .join('.'),
    );
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const [name, members] of byName(profiles.map((_, index) => nameOf(index)))) {
      if (members.length === 1 && name !== '' && !taken.has(name)) continue;
      const unused = open.filter((qualifier) => members.some((index) => !applied[index]!.has(qualifier)));
      // A name that is empty or taken must change even when no qualifier tells its holders apart.
      const mustChange = name === '' || taken.has(name);
      const telling =
        unused.find((qualifier) => new Set(members.map((index) => qualifier.value(profiles[index]!))).size > 1) ?? (mustChange ? unused[0] : undefined);
      if (!telling) continue;
      for (const index of members) applied[index]!.add(telling);
      progressed = true;
    }
  }
  const used = new Set(taken);
  return profiles.map((_, index) => {
    const name = nameOf(index) || 'profile';
    let unique = name;
    for (let count = 2; used.has(unique); count += 1) unique = `${name}.${count}`;
    used.add(unique);
    return unique;
  });
}
