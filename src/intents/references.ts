/**
 * The concepts and groups of the intents folder that the classifier's code reads by name. The
 * intents loader checks that each exists (`checkReferences`), so renaming one in concepts.yaml
 * stops start-up instead of switching a rule off without a word.
 */
export const CODE_CONCEPTS = {
  /** A negated verb that no concept names ("le scanner ne lit plus"): a weak symptom. Generated. */
  negated: 'negated',
  /** A thing named without a symptom and without a change asked for: a described behaviour. Generated. */
  described: 'described',
  /** "impossible de", "can't": a change verb after it is what fails, not what is asked. */
  cannot: 'cannot',
  /** Seed P2: "Ordinateur d'un membre de la direction". */
  management: 'management',
  /** "le chauffeur du PDG": the person is not the management named after them. */
  staffRole: 'staff_role',
  /** Seed P4: "pouvant être contourné par une solution temporaire". */
  workaround: 'workaround',
  noWorkaround: 'no_workaround',
  /** Seed P4: "le client indique clairement qu'il n'a pas besoin de résolution rapide". */
  noRush: 'no_rush',
  urgent: 'urgent',
  /** Seed request P4: "Demande d'installation d'un périphérique pas encore commandé"; "on a commandé" is not. */
  notOrdered: 'not_ordered',
  /** "the interns who left": a newcomer's role followed by a leaver's words is a leaver. */
  newcomer: 'newcomer',
  leaver: 'leaver',
  /** Seed request P4: "ne pourra pas être résolue dans un délai de moins d'une semaine". */
  longProject: 'long_project',
  /** Who is affected. */
  scopeOne: 'scope_one',
  scopeSeveral: 'scope_several',
  scopeDepartment: 'scope_department',
  scopeSite: 'scope_site',
  scopeCompany: 'scope_company',
  productionStopped: 'production_stopped',
  /** "pas de", "no": before a symptom word ("pas de bug"), the problem is said to be absent. */
  absence: 'absence',
  /** "encaisser", "sell": what the business does; said as no longer possible, it is stopped. */
  businessVerb: 'business_verb',
  /** The name of a department or a team, whole when "tout" comes before or "au complet" after. */
  department: 'department',
  /** The name of a place ("le cabinet", "the shop"): whole when "tout" or "whole" comes before it. */
  siteName: 'site_name',
  /** "poste": a computer, or a handset (`phone`) in a message about telephony. */
  station: 'station',
  computer: 'computer',
  phone: 'phone',
  /** "portable": a laptop, or a mobile (`phone`) in a message about telephony. */
  handheld: 'handheld',
  laptop: 'laptop',
  /** Software: what "installer Doctolib sur le PC" installs, a name the lexicon does not know. */
  app: 'app',
  /** "need Docker installed on my PC": a request before a name the lexicon does not know. */
  ask: 'ask',
  /** "son compte c'est manon.s": a newcomer's account said to be theirs exists, unless created in its clause. */
  account: 'account',
  create: 'create',
  /** "nouveau", "new": a thing asked for ("un nouveau PC"), not one that exists ("le nouveau routeur"). */
  new: 'new',
  /** "pouvez-vous l'ajouter": a request right before its change. Generated. */
  askedChange: 'asked_change',
  /** "un nouveau sans-fil Alcatel": a handset named new. Generated. */
  newHandset: 'new_handset',
  /** Words that say nothing to the helpdesk ("sans fil", "ce matin"): skipped between words. */
  neutral: 'neutral',
  /** "remettre en route", "fix", "réinstaller": making a broken thing work again. */
  repair: 'repair',
  /** "affiche", "il dit", "says": what a device shows; the things named in its message are not the subject. */
  messageShown: 'message_shown',
} as const;

export const CODE_GROUPS = {
  /** An interruption: what makes a widespread problem the seed's priority 1. */
  outage: 'outage',
  /** Objects that, after "sur", "dans", "on", say where rather than what. */
  hosts: 'hosts',
  /** A part ("écran", "casque") of a whole ("portable", "téléphone") is the whole's problem. */
  parts: 'parts',
  /** "…mais reste sur un écran noir, impossible d'ouvrir ma session": still the thing named before. */
  belongings: 'belongings',
  wholes: 'wholes',
  /** Machines that, counted or quantified ("aucun ordinateur"), make a group. */
  devices: 'devices',
  /** Things that make a group only when quantified or counted, not in a plain plural. */
  countedDevices: 'countedDevices',
  /** Things that a thing named right after them qualifies ("poste Alcatel", "imprimante réseau"). */
  qualified: 'qualified',
  /** How things are reached from outside (VPN, remote desktop): before a contrast, still the way in. */
  channels: 'channels',
  /** Computers, whose owner ("mon PC", "son PC") says whether the management's device is meant. */
  computers: 'computers',
  /** A setting ("musique d'attente", "logo"): "sans" before it says how a thing is wanted, not an outage. */
  settings: 'settings',
} as const;
