import { DateTime } from 'luxon';
import type { ComplianceLine, SlaReport, TargetCompliance } from './sla-report.js';
import { textTable } from './text-table.js';

function percent(target: TargetCompliance): string {
  return target.percent === null ? '—' : `${Math.round(target.percent)}%`;
}

function verdict(target: TargetCompliance): string {
  return target.goalMet === null ? '' : target.goalMet ? 'atteint' : 'non atteint';
}

function row(line: ComplianceLine): string[] {
  const { firstResponse: fr, resolution: res } = line;
  return [
    line.label,
    String(line.tickets),
    String(fr.met),
    percent(fr),
    `${fr.goal}%`,
    verdict(fr),
    String(res.met),
    percent(res),
    `${res.goal}%`,
    verdict(res),
    `${fr.pending} / ${res.pending}`,
  ];
}

/** The compliance sheet as the helpdesk reads it, in French like the seed's "Fiche de satisfaction client". */
export function slaReportText(report: SlaReport, timezone: string): string {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: timezone }).toFormat('dd/MM/yyyy');
  const at = (iso: string) => DateTime.fromISO(iso, { zone: timezone }).toFormat('dd/MM/yyyy HH:mm');
  // The period's end is exclusive: show its last day.
  const lastDay = report.to ? day(new Date(Date.parse(report.to) - 1).toISOString()) : day(report.now);
  const table = textTable(
    [
      'Priorité',
      'Tickets',
      '1re réponse respectée',
      '%',
      'Objectif',
      '',
      'Résolution respectée',
      '%',
      'Objectif',
      '',
      'En attente (1re rép. / résol.)',
    ],
    [...report.lines.map(row), row(report.global)],
    ['left', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'right', 'left', 'right'],
  );
  return [
    'Résultats engagement de niveau de service',
    '',
    `Compte client : ${report.account ?? 'Tous'}    Période du : ${report.from ? day(report.from) : 'début'} au ${lastDay}`,
    `Tickets ouverts jugés au ${at(report.now)}`,
    '',
    table,
    '',
    'Un délai est respecté quand la première réponse (la résolution) a eu lieu avant l’échéance. Un ticket',
    'encore ouvert dont l’échéance est passée compte comme non respecté ; s’il n’est pas encore échu, il est',
    'en attente et n’entre pas dans le pourcentage.',
    `Sans contrat de maintenance (N/A, hors engagement) : ${report.notApplicable} ticket(s).`,
    ...(report.drafts > 0 ? [`Brouillons (appels interrompus) non comptés : ${report.drafts}.`] : []),
    '',
    'Escalades (tickets montés au-dessus de leur niveau de départ, par niveau atteint)',
    '',
    textTable(
      ['Priorité', 'Tickets escaladés', ...report.escalationLevels.map((l) => `Niveau ${l}`)],
      report.escalations.map((e) => [
        e.label,
        String(e.escalated),
        ...report.escalationLevels.map((l) => String(e.byLevel[String(l)] ?? 0)),
      ]),
      ['left', 'right', ...report.escalationLevels.map(() => 'right' as const)],
    ),
    '',
  ].join('\n');
}
