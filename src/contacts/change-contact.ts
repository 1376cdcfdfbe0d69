// `contact add|edit|remove`: turn the arguments into a change of the contact's RapidPro groups,
// language and fields, checked against what the user may touch.
import type { CommandContext } from '../core/command.ts';
import { buttons, fields, heading, note, paragraph, type Reply } from '../core/reply.ts';
import { resolveRegion } from '../core/resolve.ts';
import { UserError } from '../core/user-error.ts';
import { matchByName } from '../domain/match-name.ts';
import {
  CONTACT_CHOICES,
  contactNotFound,
  describeChoice,
  findContact,
  isNamed,
  phoneOf,
  searchContacts,
} from './find-contact.ts';
import { requestContactEdit } from './request-contact-edit.ts';

const editable = ['region', 'group', 'language', 'facility', 'name'] as const;

async function groupUuids(ctx: CommandContext) {
  const rows = await ctx.services.sql<{ id: number; uuid: string; name: string; kind: 'region' | 'group' }[]>`
    select id, uuid, name, 'region' as kind from regions where org_id = ${ctx.org.id} and is_active
    union all select id, uuid, name, 'group' from reporter_groups where org_id = ${ctx.org.id} and is_active`;
  return rows;
}

async function pickReporterGroup(ctx: CommandContext, name: string) {
  const groups = (await groupUuids(ctx)).filter((g) => g.kind === 'group');
  const match = matchByName(groups, name);
  if (match.kind !== 'found')
    throw new UserError('errors.groupNotFound', { query: name, names: groups.map((g) => g.name).join(', ') });
  return match.item;
}

function checkLanguage(code: string): string {
  // RapidPro stores ISO 639-3 codes (eng, fra, ara).
  if (!/^[a-z]{3}$/.test(code)) throw new UserError('errors.badLanguageCode', { code });
  return code;
}

export async function addContact(ctx: CommandContext, [name, phone, ...rest]: string[]): Promise<Reply> {
  if (!name || !phone || rest.length === 0) throw new UserError('errors.contactAddUsage', {}, true);
  const digits = phone.replace(/[\s().-]/g, '');
  if (!/^\+\d{7,15}$/.test(digits)) throw new UserError('errors.badPhone', { phone });
  const region = resolveRegion(ctx, rest[0]!);
  const all = await groupUuids(ctx);
  const group = rest[1] ? await pickReporterGroup(ctx, rest.slice(1).join(' ')) : null;
  const regionUuid = all.find((g) => g.kind === 'region' && g.id === region.id)!.uuid;
  await requestContactEdit(ctx, {
    action: 'add',
    name,
    urns: [`tel:${digits}`],
    groupUuids: [regionUuid, ...(group ? [group.uuid] : [])],
  });
  return {
    direction: ctx.direction,
    blocks: [paragraph(ctx.t('commands:contact.addQueued', { name, region: region.name }))],
  };
}

export async function editContact(ctx: CommandContext, [who, ...pairs]: string[]): Promise<Reply> {
  const contact = await findContact(ctx, who);
  if (pairs.length === 0) throw new UserError('errors.contactEditUsage', {}, true);
  const all = await groupUuids(ctx);
  let groups = [...contact.groupUuids];
  let language: string | undefined;
  let name: string | undefined;
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const [key, ...valueParts] = pair.split('=');
    const value = valueParts.join('=').trim();
    if (!key || !value || !(editable as readonly string[]).includes(key.toLowerCase()))
      throw new UserError('errors.contactEditUsage', {}, true);
    switch (key.toLowerCase()) {
      case 'region': {
        const region = resolveRegion(ctx, value);
        const regionUuids = new Set(all.filter((g) => g.kind === 'region').map((g) => g.uuid));
        groups = [
          ...groups.filter((uuid) => !regionUuids.has(uuid)),
          all.find((g) => g.kind === 'region' && g.id === region.id)!.uuid,
        ];
        break;
      }
      case 'group': {
        const group = await pickReporterGroup(ctx, value);
        const groupSet = new Set(all.filter((g) => g.kind === 'group').map((g) => g.uuid));
        groups = [...groups.filter((uuid) => !groupSet.has(uuid)), group.uuid];
        break;
      }
      case 'language':
        language = checkLanguage(value.toLowerCase());
        break;
      case 'name':
        name = value;
        break;
      default:
        fields[key.toLowerCase()] = value;
    }
  }
  await requestContactEdit(ctx, {
    action: 'edit',
    contactId: contact.id,
    ...(name ? { name } : {}),
    ...(language ? { language } : {}),
    ...(groups.join() !== contact.groupUuids.join() ? { groupUuids: groups } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  });
  return {
    direction: ctx.direction,
    blocks: [paragraph(ctx.t('commands:contact.editQueued', { name: name ?? contact.name ?? who }))],
  };
}

/**
 * `contact remove <name, phone or #id>`: shows the contact and asks; only the button's
 * `contact remove #id --confirm` deletes it (here at once, in RapidPro through the outbox).
 * Several matches are offered as choices, each leading to its own confirmation.
 */
export async function removeContact(ctx: CommandContext, args: string[]): Promise<Reply> {
  const confirmed = args.at(-1) === '--confirm';
  const who = (confirmed ? args.slice(0, -1) : args).join(' ').trim();
  if (!who) throw new UserError('errors.missingContact', {}, true);
  const matches = await searchContacts(ctx, who);
  if (matches.length === 0)
    throw confirmed ? new UserError('errors.contactGone', { query: who }) : await contactNotFound(ctx, who);
  const exact = matches.filter((m) => isNamed(m, who));
  if (matches.length > 1 && exact.length !== 1) {
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:contact.several', { query: who })),
        buttons(
          ...matches
            .slice(0, CONTACT_CHOICES)
            .map((m) => ({ label: describeChoice(m), command: `contact remove #${m.id}` })),
        ),
        ...(matches.length > CONTACT_CHOICES ? [note(ctx.t('commands:contact.narrow'))] : []),
      ],
    };
  }
  const contact = exact[0] ?? matches[0]!;
  const name = contact.name ?? phoneOf(contact.urn) ?? who;
  if (!confirmed) {
    return {
      direction: ctx.direction,
      blocks: [
        heading(ctx.t('commands:contact.removeTitle', { name })),
        fields([
          { label: ctx.t('commands:contact.phone'), value: phoneOf(contact.urn) ?? ctx.t('commands:setup.none') },
          { label: ctx.t('commands:whoami.regions'), value: contact.region ?? ctx.t('commands:setup.none') },
        ]),
        paragraph(ctx.t('commands:contact.removeQuestion')),
        buttons(
          {
            label: ctx.t('commands:contact.removeConfirm'),
            command: `contact remove #${contact.id} --confirm`,
            style: 'danger',
          },
          { label: ctx.t('common:cancel'), command: 'cancel' },
        ),
      ],
    };
  }
  await requestContactEdit(ctx, { action: 'remove', contactId: contact.id });
  return { direction: ctx.direction, blocks: [paragraph(ctx.t('commands:contact.removeQueued', { name }))] };
}
