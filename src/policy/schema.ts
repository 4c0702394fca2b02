import { z } from 'zod';
import { DOMAINS, LANGUAGES, PRIORITIES } from '../domain.js';

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "09:00-12:30": one opening window of a day, start before end. */
export const windowSchema = z
  .string()
  .regex(/^\d\d:\d\d-\d\d:\d\d$/, 'expected a window such as "09:00-12:30"')
  .transform((s, ctx) => {
    const [start = '', end = ''] = s.split('-');
    if (!hhmm.test(start) || !hhmm.test(end)) {
      ctx.addIssue({ code: 'custom', message: `expected times between 00:00 and 23:59 in "${s}"` });
      return z.NEVER;
    }
    const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    const window = { start: toMinutes(start), end: toMinutes(end) };
    if (window.end <= window.start) {
      ctx.addIssue({ code: 'custom', message: `the window "${s}" must end after it starts` });
      return z.NEVER;
    }
    return window;
  });
/** An opening window in minutes since midnight, local time. */
export type OpeningWindow = z.output<typeof windowSchema>;

const daySchema = z.array(windowSchema).superRefine((windows, ctx) => {
  for (let i = 1; i < windows.length; i++) {
    const prev = windows[i - 1];
    const cur = windows[i];
    if (prev && cur && cur.start < prev.end) {
      ctx.addIssue({ code: 'custom', message: 'windows of a day must be in order and must not overlap' });
    }
  }
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date such as "2026-12-24"');

export const calendarSchema = z.object({
  timezone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone such as "Europe/Paris"'),
  week: z.object({
    monday: daySchema,
    tuesday: daySchema,
    wednesday: daySchema,
    thursday: daySchema,
    friday: daySchema,
    saturday: daySchema,
    sunday: daySchema,
  }),
  holidays: z.object({
    country: z.literal('FR'),
    whitMonday: z.boolean().default(true),
  }),
  closedDays: z.array(isoDate).default([]),
});
export type CalendarPolicy = z.output<typeof calendarSchema>;

const text = z.object({ fr: z.string().min(1), en: z.string().min(1) });
/** A sentence in both languages Guichet speaks. */
export type LocalizedText = z.output<typeof text>;

const hours = z.number().positive('expected a positive number of business hours');
const percent = z.number().min(0).max(100);

const prioritySchema = z.object({
  number: z.number().int().min(1).max(4),
  label: text,
  definition: text,
  firstResponseHours: hours,
  resolutionHours: hours,
  takeChargeHours: hours,
  goal: z.object({ firstResponse: percent, resolution: percent }),
});
export type PriorityPolicy = z.output<typeof prioritySchema>;

/** One cell of the trigger or escalation matrix: how to reach the helpdesk, and what to say. */
const contactMethodSchema = z.object({
  phone: z.string().optional(),
  email: z.string().email().optional(),
  menuChoice: z.number().int().optional(),
  mention: z.string().optional(),
  ticketNumberRequired: z.boolean().default(false),
  onCall: z.boolean().default(false),
  label: text,
});
export type ContactMethod = z.output<typeof contactMethodSchema>;

const byPriority = <T extends z.ZodType>(schema: T) =>
  z.object({ critique: schema, haute: schema, normale: schema, basse: schema });

const matrixSchema = z.object({
  withContract: byPriority(contactMethodSchema),
  withoutContract: byPriority(contactMethodSchema),
});
export type ContactMatrix = z.output<typeof matrixSchema>;

const queueSchema = z.object({
  id: z.string().min(1),
  domain: z.enum(DOMAINS),
  ticketKind: z.object({ code: z.string(), label: z.string() }),
});
export type QueuePolicy = z.output<typeof queueSchema>;

/** A Slack member id: U… or W… (Enterprise Grid), as Slack writes it in events and mentions. */
const slackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id: U or W then capitals and digits, such as U024BE7LH');
/** A Teams user: the Bot Framework's "29:…" id, or the person's Microsoft Entra object id (a GUID). */
const teamsUserId = z
  .string()
  .regex(
    /^(29:[\w-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    'expected a Teams user id: the "29:…" id of the Bot Framework or the Entra object id (a GUID)',
  );
/** A Slack channel: C… (public) or G… (private). */
const slackChannelId = z
  .string()
  .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id: C or G then capitals and digits, such as C024BE91L');
/** A Teams channel: "19:…@thread.tacv2" (or @thread.skype for older teams). */
const teamsChannelId = z
  .string()
  .regex(/^19:[^@\s]+@thread\.(tacv2|skype)$/, 'expected a Teams channel id such as "19:a1b2c3@thread.tacv2"');

/**
 * A technician of the directory ("Ressource principale", seed 004): how the helpdesk names and
 * reaches them, and who they are in Slack and Teams, so a button pressed there is theirs.
 */
const technicianSchema = z.object({
  /** The id the resources by level, the tickets and `--by` use. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case id such as "philippe"'),
  /** The display name technicians and employees read. */
  name: z.string().min(1),
  email: z.email("expected the technician's e-mail address"),
  phone: z.string().min(1).optional(),
  chatIds: z.strictObject({ slack: slackUserId.optional(), teams: teamsUserId.optional() }).default({}),
});
export type Technician = z.output<typeof technicianSchema>;

/** Where a queue's notifications go besides the technicians' DMs, by platform. */
const queueChannelsSchema = z.strictObject({ slack: slackChannelId.optional(), teams: teamsChannelId.optional() });
export type QueueChannels = z.output<typeof queueChannelsSchema>;

const levelSchema = z.coerce.number().int().min(1);

/** One key of the phone line's menu: a transfer to another service, or the voice intake. */
const phoneMenuOptionSchema = z
  .object({
    digit: z.string().regex(/^[0-9]$/, 'expected one keypad digit "0"-"9"'),
    /** What the key is for, said in the option's language ("le support technique", "English"). */
    label: z.object({ fr: z.string().min(1).optional(), en: z.string().min(1).optional() }),
    action: z.enum(['intake', 'transfer']),
    /**
     * The language the option is said in and, for the intake, the language it runs in. Without it
     * the option is said in French and the intake follows the caller's words (French until the
     * caller describes the problem in English).
     */
    language: z.enum(LANGUAGES).optional(),
    /** The number a transfer dials, in the policy's display format ("04 84 26 83 10") or E.164. */
    phone: z.string().min(1).optional(),
  })
  .refine((option) => option.action !== 'transfer' || option.phone !== undefined, {
    message: 'a "transfer" option needs the phone number it dials',
    path: ['phone'],
  })
  .superRefine((option, ctx) => {
    const language = option.language ?? 'fr';
    if (option.label[language] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['label', language],
        message: `the option is said in ${language === 'fr' ? 'French' : 'English'}: it needs its label "${language}"`,
      });
    }
  });
export type PhoneMenuOption = z.output<typeof phoneMenuOptionSchema>;

const bcp47 = z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'expected a language tag such as "fr-FR" or "en-GB"');

/** How the phone line speaks and listens in one language. */
const phoneLanguageSchema = z.strictObject({
  /** A Twilio <Say> voice of that language (Polly.Lea-Neural, Polly.Amy-Neural, Google.en-GB-Neural2-A…). */
  voice: z.string().min(1),
  /** The language tag of <Say>. */
  language: bcp47,
  /** The language tag of speech recognition (<Gather language>); the <Say> one when unset. */
  speechLanguage: bcp47.optional(),
  /** Words callers are likely to say in that language, to help speech recognition (each at most 100 characters). */
  hints: z.array(z.string().min(1).max(100)).default([]),
});
export type PhoneLanguage = z.output<typeof phoneLanguageSchema>;

const FRENCH_LINE: PhoneLanguage = {
  voice: 'Polly.Lea-Neural',
  language: 'fr-FR',
  speechLanguage: 'fr-FR',
  hints: [
    'standard téléphonique',
    'téléphone',
    'ligne',
    'imprimante',
    'messagerie',
    'mot de passe',
    'serveur',
    'réseau',
    'internet',
    'wifi',
    'VPN',
    'ordinateur',
    'écran',
    'logiciel',
    'production arrêtée',
  ],
};

const ENGLISH_LINE: PhoneLanguage = {
  voice: 'Polly.Amy-Neural',
  language: 'en-GB',
  speechLanguage: 'en-GB',
  hints: [
    'switchboard',
    'phone line',
    'printer',
    'email',
    'password',
    'server',
    'network',
    'internet',
    'wifi',
    'VPN',
    'computer',
    'screen',
    'software',
    'production has stopped',
  ],
};

/** A key the phone line no longer reads, and where its value now goes. */
const moved = (where: string) => z.never({ error: `this key has moved: set it as ${where}` }).optional();

/**
 * The phone line (trigger matrix, 004: "Appel au 04 84 26 83 10, Choix N°2"): the menu callers hear,
 * the voice they hear it in and how speech is gathered. Every field has a default.
 */
export const phoneLineSchema = z.object({
  /** How the line speaks and listens in each language: a French and a British English neural voice by default. */
  languages: z
    .strictObject({
      fr: phoneLanguageSchema.default(FRENCH_LINE),
      en: phoneLanguageSchema.default(ENGLISH_LINE),
    })
    .default({ fr: FRENCH_LINE, en: ENGLISH_LINE }),
  voice: moved('phoneLine.languages.fr.voice'),
  language: moved('phoneLine.languages.fr.language'),
  hints: moved('phoneLine.languages.fr.hints'),
  welcome: z.string().min(1).default('Bonjour, vous êtes bien chez ITCOM Services.'),
  menu: z
    .array(phoneMenuOptionSchema)
    .min(1)
    .default([
      {
        digit: '1',
        label: { fr: 'le service commercial' },
        action: 'transfer',
        // Placeholder: set the sales line of your deployment.
        phone: '04 00 00 00 01',
      },
      { digit: '2', label: { fr: 'le support technique' }, action: 'intake' },
      { digit: '9', label: { en: 'English' }, action: 'intake', language: 'en' },
    ])
    .superRefine((options, ctx) => {
      const seen = new Set<string>();
      for (const option of options) {
        if (seen.has(option.digit)) {
          ctx.addIssue({ code: 'custom', message: `the digit "${option.digit}" is used twice in the menu` });
        }
        seen.add(option.digit);
      }
    }),
  /**
   * Who a caller reaches when the menu gets no valid key twice. Defaults to company.helpdeskPhone;
   * set it when that number is the Twilio number itself, so the fallback reaches a person.
   */
  fallbackPhone: z.string().min(1).optional(),
  /** Seconds <Gather> waits for a first key or word. */
  gatherTimeoutSeconds: z.number().int().min(1).max(60).default(6),
  /** Seconds of silence that end an utterance (a positive integer: Twilio refuses "auto" with a speechModel). */
  speechTimeoutSeconds: z.number().int().min(1).max(10).default(2),
  /** A Twilio speech model ("phone_call", "googlev2_telephony"…); Twilio chooses when unset. */
  speechModel: z.string().min(1).optional(),
  /** Speech recognized below this confidence (0–1) is read back before it is used. */
  lowConfidence: z.number().min(0).max(1).default(0.5),
  /** How many silences in a row are re-asked before the call goes to a person. */
  maxSilences: z.number().int().min(0).max(5).default(2),
});
export type PhoneLinePolicy = z.output<typeof phoneLineSchema>;

const share = z.number().gt(0, 'expected a share above 0').lt(1, 'expected a share below 1').default(0.75);
const watchLevel = z.number().int().min(2, 'expected a level above the first one (2 or more)');

/** How a step of the SLA watch escalates: at once, or only proposed to the technicians. */
const escalationModeSchema = z.enum(['automatic', 'proposed']);

/**
 * The SLA watch (matrice d'escalade, seed 004: "Une escalade peut être déclenchée si la demande
 * initiale n'a pas été traitée dans les délais impartis + 1 heure"): the timers each ticket with
 * a contract gets and what each step does when its instant comes.
 */
export const slaWatchSchema = z.object({
  /** The share of the first-response target after which the ticket's technicians are warned. */
  warnAt: byPriority(share).prefault({}),
  /** Take-charge time + escalation.graceHours without anyone taking the ticket. */
  takeCharge: z
    .object({ toLevel: watchLevel.default(2), escalation: escalationModeSchema.default('automatic') })
    .prefault({}),
  /** The resolution deadline passed without a resolution. */
  resolution: z
    .object({
      toLevel: watchLevel.default(3),
      escalation: escalationModeSchema.default('automatic'),
      /** Technician ids of the helpdesk managers warned when a resolution deadline is missed. */
      warn: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
});
export type SlaWatchPolicy = z.output<typeof slaWatchSchema>;

/** How close two reports must be to count as the same problem (src/tickets/duplicates.ts). */
export const duplicatesSchema = z.object({
  /** Hours (wall-clock) after its opening during which an open ticket catches the same problem. */
  windowHours: z.number().positive().default(24),
  /** The share of significant words the shorter text has in common with the other (0 to 1). */
  minSimilarity: z.number().min(0).max(1).default(0.5),
});
export type DuplicatesPolicy = z.output<typeof duplicatesSchema>;

export const policySchema = z
  .object({
    company: z.object({
      name: z.string().min(1),
      helpdeskPhone: z.string().min(1),
      helpdeskEmail: z.string().email(),
      portal: z.string().optional(),
    }),
    calendar: calendarSchema,
    priorities: byPriority(prioritySchema),
    globalGoal: z.object({ firstResponse: percent, resolution: percent }),
    escalation: z.object({ graceHours: z.number().min(0) }),
    triggerMatrix: matrixSchema,
    escalationMatrix: matrixSchema,
    queues: z.array(queueSchema).min(1),
    resources: z.object({
      technicians: z.array(technicianSchema).min(1),
      byQueue: z.record(z.string(), z.record(z.string(), z.array(z.string()).min(1))),
      startLevel: byPriority(levelSchema),
      /** Optional channel of each queue (OPS-01-INFORMATIQUE…), where its technicians are mentioned. */
      channels: z.record(z.string(), queueChannelsSchema).default({}),
      /** The on-call technician: a critique ticket also goes to them (seed 004, "astreinte"). */
      onCall: z.string().optional(),
    }),
    statuses: z.object({ initial: z.enum(['new', 'assigned']) }),
    workType: z.string().min(1),
    phoneLine: phoneLineSchema.optional(),
    slaWatch: slaWatchSchema.prefault({}),
    /** When a report is the same problem as an open ticket (src/tickets/duplicates.ts). */
    duplicates: duplicatesSchema.prefault({}),
  })
  .superRefine((policy, ctx) => {
    for (const domain of DOMAINS) {
      if (!policy.queues.some((q) => q.domain === domain)) {
        ctx.addIssue({ code: 'custom', path: ['queues'], message: `expected a queue for the domain "${domain}"` });
      }
    }
    const technicianIds = new Set(policy.resources.technicians.map((t) => t.id));
    const seen = new Set<string>();
    policy.resources.technicians.forEach((technician, index) => {
      if (seen.has(technician.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', 'technicians', index, 'id'],
          message: `"${technician.id}" is the id of another technician`,
        });
      }
      seen.add(technician.id);
    });
    const queueIds = new Set(policy.queues.map((q) => q.id));
    for (const queue of Object.keys(policy.resources.channels)) {
      if (!queueIds.has(queue)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', 'channels', queue],
          message: `"${queue}" is not a queue of queues`,
        });
      }
    }
    if (policy.resources.onCall !== undefined && !technicianIds.has(policy.resources.onCall)) {
      ctx.addIssue({
        code: 'custom',
        path: ['resources', 'onCall'],
        message: `"${policy.resources.onCall}" is not a technician of resources.technicians`,
      });
    }
    for (const queue of policy.queues) {
      const levels = policy.resources.byQueue[queue.id];
      if (!levels) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', 'byQueue', queue.id],
          message: `expected the resources by level of the queue "${queue.id}"`,
        });
        continue;
      }
      for (const [level, ids] of Object.entries(levels)) {
        for (const id of ids) {
          if (!technicianIds.has(id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['resources', 'byQueue', queue.id, level],
              message: `"${id}" is not a technician of resources.technicians`,
            });
          }
        }
      }
    }
    for (const id of policy.slaWatch.resolution.warn) {
      if (!technicianIds.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['slaWatch', 'resolution', 'warn'],
          message: `"${id}" is not a technician of resources.technicians`,
        });
      }
    }
    if (policy.slaWatch.resolution.toLevel < policy.slaWatch.takeCharge.toLevel) {
      ctx.addIssue({
        code: 'custom',
        path: ['slaWatch', 'resolution', 'toLevel'],
        message: `expected a level at least that of slaWatch.takeCharge.toLevel (${policy.slaWatch.takeCharge.toLevel})`,
      });
    }
    PRIORITIES.forEach((p, i) => {
      if (policy.priorities[p].number !== i + 1) {
        ctx.addIssue({ code: 'custom', path: ['priorities', p, 'number'], message: `expected ${i + 1}` });
      }
    });
  });
/** The helpdesk's rules, validated. */
export type Policy = z.output<typeof policySchema>;

const contactSchema = z.object({
  name: z.string().min(1),
  email: z.string().email().optional(),
  phone: z.string().optional(),
  title: z.string().optional(),
  chatIds: z.object({ slack: z.string().optional(), teams: z.string().optional() }).default({}),
  management: z.boolean().default(false),
});
export type Contact = z.output<typeof contactSchema>;

const accountSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  contract: z.boolean(),
  contacts: z.array(contactSchema).default([]),
});
export type Account = z.output<typeof accountSchema>;

export const accountsSchema = z.object({ accounts: z.array(accountSchema) });
export type Accounts = z.output<typeof accountsSchema>;
