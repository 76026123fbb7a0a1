// An information request as people read it, from the read model its steps write (info_requests,
// tasks, escalations).
import { rolesForUnit, type Principal } from '../../domain/access';
import {
  CONSULTEES,
  INFO_ANSWER_TYPES,
  INFO_REQUEST_CHANNELS,
  INFO_REQUEST_STAGES,
  RECEIPT_RULES,
  infoRequestStage,
  type Consultee,
  type InfoAnswerType,
  type InfoRequestChannel,
  type InfoRequestStage,
} from '../../domain/info-request';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { notInScope } from '../problem';
import { deadlineView, escalationViews, iso, TASKS_WITH_ESCALATIONS } from '../read-model/tasks';

export function readInfoRequest(prisma: Prisma, id: string) {
  return prisma.infoRequest.findUnique({
    where: { id },
    include: { tasks: TASKS_WITH_ESCALATIONS },
  });
}

export type InfoRequestRecord = NonNullable<Awaited<ReturnType<typeof readInfoRequest>>>;

const labelled = <T extends string>(code: T | null, labels: Record<string, string>) =>
  code ? { code, label: labels[code] ?? code } : null;

export function infoRequestView(record: InfoRequestRecord) {
  const { tasks, ...row } = record;
  const channel = row.channel as InfoRequestChannel;
  return {
    requestId: row.id,
    version: row.version,
    stage: Object.hasOwn(INFO_REQUEST_STAGES, row.stage)
      ? infoRequestStage(row.stage as InfoRequestStage)
      : { code: row.stage, label: row.stage },
    unitId: row.unitId,
    applicant: { name: row.applicantName, contact: row.applicantContact },
    description: row.description,
    channel: { code: channel, label: INFO_REQUEST_CHANNELS[channel] ?? channel },
    receipt: {
      submittedAt: iso(row.submittedAt),
      signedForAt: iso(row.signedForAt),
      confirmedAt: iso(row.confirmedAt),
      receivedAt: iso(row.receivedAt),
      // Which fact dated it (政府信息公开条例 Art. 31).
      rule: RECEIPT_RULES[channel]?.zh,
    },
    registeredAt: iso(row.registeredAt),
    registeredBy: row.registeredBy,
    ...(row.clearAt ? { clearAt: iso(row.clearAt) } : {}),
    ...(row.correctionSentAt
      ? {
          correction: {
            sentAt: iso(row.correctionSentAt),
            matters: row.correctionMatters,
            correctBy: iso(row.correctBy),
            ...(row.correctedReceivedAt ? { receivedAt: iso(row.correctedReceivedAt) } : {}),
          },
        }
      : {}),
    ...(row.consultingSince
      ? {
          consultation: {
            consultee: labelled(
              row.consultee as Consultee | null,
              Object.fromEntries(Object.entries(CONSULTEES).map(([k, v]) => [k, v.label])),
            ),
            party: row.consultedParty,
            since: iso(row.consultingSince),
          },
        }
      : {}),
    consultations: row.consultations,
    ...(row.extension ? { extension: row.extension } : {}),
    answerDueAt: iso(row.answerDueAt),
    ...(row.answeredAt
      ? {
          answer: {
            type: labelled(
              row.answerType as InfoAnswerType | null,
              Object.fromEntries(Object.entries(INFO_ANSWER_TYPES).map(([k, v]) => [k, v.label])),
            ),
            ...(row.answerReason ? { reason: row.answerReason } : {}),
            at: iso(row.answeredAt),
            onTime: row.answerDueAt !== null && row.answeredAt <= row.answerDueAt,
          },
        }
      : {}),
    ...(row.closedAt ? { closedAt: iso(row.closedAt) } : {}),
    deadlines: tasks.map(deadlineView),
    escalations: escalationViews(tasks),
  };
}

/** The request if the caller's unit covers it; 404 otherwise (not there or not yours alike). */
export async function infoRequestInScope(
  prisma: Prisma,
  principal: Principal,
  id: string,
): Promise<{ record: InfoRequestRecord; roles: Role[] }> {
  const record = await readInfoRequest(prisma, id);
  if (!record) throw notInScope('information request', id);
  const roles = rolesForUnit(principal, record.unitId);
  if (roles.length === 0) throw notInScope('information request', id);
  return { record, roles };
}
