// Case records in PostgreSQL. Every write is idempotent: a retried activity writes nothing twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { CaseKind, CaseStage } from '../domain/lifecycle';
import { appendAuditEvents } from '../platform/audit-events';
import type { AuditKey } from '../platform/audit-mac';
import type { Prisma } from '../platform/database';

export interface CaseOpened {
  caseId: string;
  kind: CaseKind;
  stage: CaseStage;
  unitId: string;
  handlerId: string;
  queryCode: string;
  title: string;
  alarmId?: string;
  acceptedAt: number;
  acceptedBy: { id: string; role: string };
}

export function createCaseActivities(prisma: Prisma, auditKey: AuditKey) {
  return {
    /** The case row and its CASE_ACCEPTED audit event, once. */
    async recordCaseOpened(opened: CaseOpened): Promise<void> {
      // A receipt's query code belongs to one case; retrying would never succeed, so say so.
      const holder = await prisma.case.findUnique({ where: { queryCode: opened.queryCode } });
      if (holder && holder.id !== opened.caseId) {
        throw ApplicationFailure.nonRetryable(
          `Query code ${opened.queryCode} is already used by case ${holder.id}; start the case with a new query code.`,
          'QueryCodeInUse',
        );
      }
      await prisma.$transaction(async (tx) => {
        await tx.case.upsert({
          where: { id: opened.caseId },
          create: {
            id: opened.caseId,
            kind: opened.kind,
            stage: opened.stage,
            unitId: opened.unitId,
            handlerId: opened.handlerId,
            queryCode: opened.queryCode,
            title: opened.title,
            alarmId: opened.alarmId ?? null,
            acceptedAt: new Date(opened.acceptedAt),
          },
          update: {},
        });
        await appendAuditEvents(tx, auditKey, { type: 'CASE', id: opened.caseId }, [
          {
            eventKey: `${opened.caseId}:0`,
            actorId: opened.acceptedBy.id,
            actorRole: opened.acceptedBy.role,
            action: 'CASE_ACCEPTED',
            data: { kind: opened.kind },
            occurredAt: new Date(opened.acceptedAt),
          },
        ]);
      });
    },

    /** The case row follows its workflow (writing the same values twice is harmless). */
    async recordCaseStage(input: {
      caseId: string;
      stage: CaseStage;
      handlerId: string;
      route?: string;
      prosecutionOrg?: string;
      courtOrg?: string;
      /** Absent from workflows that ran before these facts were recorded. */
      prosecutionAccepted?: boolean;
      courtAccepted?: boolean;
      supplementaryReturns?: number;
      closedAt?: number;
    }): Promise<void> {
      await prisma.case.update({
        where: { id: input.caseId },
        data: {
          stage: input.stage,
          handlerId: input.handlerId,
          route: input.route ?? null,
          prosecutionOrg: input.prosecutionOrg ?? null,
          courtOrg: input.courtOrg ?? null,
          ...(input.prosecutionAccepted === undefined
            ? {}
            : { prosecutionAccepted: input.prosecutionAccepted }),
          ...(input.courtAccepted === undefined ? {} : { courtAccepted: input.courtAccepted }),
          ...(input.supplementaryReturns === undefined
            ? {}
            : { supplementaryReturns: input.supplementaryReturns }),
          ...(input.closedAt === undefined ? {} : { closedAt: new Date(input.closedAt) }),
        },
      });
    },
  };
}
