// The workbench end to end, in headless Chromium against the real system (API, worker, Temporal,
// PostgreSQL) with the development directory: a handler signs in from the directory, finds the new
// case in My work with its countdown, proposes filing it from the form the API's schema generated,
// sees a refused action's message, a bureau leader approves (审批) from My work, and a party looks
// the case up by its code. Screenshots of each screen go to test-artifacts/screenshots.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WEB_ROOT, buildWebApp } from '../../composition/web-build';
import { DEVELOPMENT_DIRECTORY } from '../../domain/development-directory';
import { loadDirectory } from '../../platform/directory';
import { caller, okBody } from '../support/api';
import type { Json } from '../support/http';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { launchBrowser, screenshot } from '../support/browser';
import { dropDatabase, migratedDatabase } from '../support/databases';
import { testEnvironment } from '../support/test-env';

const { adminUrl } = testEnvironment();
const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const officer = DEVELOPMENT_DIRECTORY.people.find((p) => p.id === 'officer-li')!;
let databaseUrl: string | undefined;
let app: TestApp;
let browser: Browser;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  buildWebApp({ log: () => undefined });
  databaseUrl = (await migratedDatabase(adminUrl, 'workbench_test')).databaseUrl;
  app = await startTestApp({ withWorker: true, databaseUrl, webRoot: WEB_ROOT, devSignIn: true });
  await loadDirectory(app.prisma, DEVELOPMENT_DIRECTORY);
  call = caller(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (databaseUrl) await dropDatabase(adminUrl, databaseUrl);
});

/** A case of officer Li's station, opened from a 110 call through the API. */
async function openCase(
  title: string,
  on: TestApp = app,
  kind: 'CRIMINAL' | 'ADMINISTRATIVE' = 'CRIMINAL',
) {
  const call = caller(on);
  const token = await on.token({
    id: officer.id,
    name: officer.name,
    roles: officer.roles,
    unit: officer.unitId!,
  });
  const alarm = await okBody(
    call('POST', '/alarms', {
      token,
      body: {
        source: 'CALL_110',
        category: kind === 'CRIMINAL' ? 'CRIME' : 'VIOLATION',
        responseTier: 2,
        unitId: officer.unitId,
        summary: kind === 'CRIMINAL' ? '车棚电动车被盗' : '酒后滋事',
      },
    }),
    'register the alarm',
  );
  const disposed = await okBody(
    call('POST', `/alarms/${alarm.id}/disposition`, {
      token,
      body: {
        disposition: 'CONVERTED_TO_CASE',
        newCase: { kind, title, handlerId: officer.id },
      },
    }),
    'convert the alarm to a case',
  );
  const caseId = disposed.state.disposition.caseId as string;
  const view = await okBody(call('GET', `/cases/${caseId}`, { token }), 'read the case');
  return { caseId, queryCode: view.queryCode as string, token };
}

/**
 * Picks `title` in the select labelled `label`, and waits until it shows as chosen and its list has
 * closed (an open list covers the form's buttons).
 */
async function choose(page: Page, label: string | RegExp, title: string) {
  await eventually(
    async () => {
      if (!(await page.locator(`.ant-select-item-option[title="${title}"]`).isVisible()))
        await page.getByLabel(label).click();
      await page
        .locator(`.ant-select-item-option[title="${title}"]`)
        .click({ timeout: 2000 })
        .catch(() => undefined);
      return page.locator('.ant-form-item', { has: page.getByLabel(label) }).textContent();
    },
    (shown) => shown?.includes(title) === true,
  );
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .waitFor({ state: 'hidden' });
}

async function signIn(page: Page, personId: string, on: TestApp = app) {
  await page.goto(`${on.baseUrl}/`);
  // Not signed in: the app sends the browser to sign-in, which lists the directory's people.
  await page.waitForURL(/\/login/);
  await page.locator(`[data-person="${personId}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const pageOptions = { locale: 'zh-CN', viewport: { width: 1280, height: 900 } };

/** A page of the case, signed in as the person, in a browser context of its own. */
async function casePageAs(personId: string, caseId: string, contexts: BrowserContext[]) {
  const context = await browser.newContext(pageOptions);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, personId);
  await page.goto(`${app.baseUrl}/case/${caseId}`);
  await page.getByTestId('stage').waitFor();
  return page;
}

/** The dialog's button of each decision (Ant Design puts a space between two Chinese characters). */
const DECISION_BUTTONS = { APPROVE: /^批\s*准$/, REFUSE: /^不批准$/, WITHDRAW: /^撤\s*回$/ };

/**
 * Approves, refuses or withdraws the pending proposal `label` (呈请立案 …) on the page's case or
 * alarm, from its card in 待审批, and waits until the card is gone, or until it waits for `next`.
 */
async function decideProposal(
  page: Page,
  label: string,
  decision: 'APPROVE' | 'REFUSE' | 'WITHDRAW',
  text?: string,
  next?: string,
) {
  const card = page.locator('[data-proposal]', { hasText: label });
  await card.locator(`[data-decision="${decision}"]`).click();
  const dialog = page.getByRole('dialog');
  if (text) await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: DECISION_BUTTONS[decision] }).click();
  if (next)
    await eventually(
      () => card.getByTestId('waiting-for').textContent(),
      (waiting) => waiting === next,
    );
  else await card.waitFor({ state: 'detached' });
}

/**
 * Takes an action the law reserves to the leaders from its generated form: it becomes a proposal,
 * and the page says so (`notice`) while the case stays in its stage.
 */
async function propose(page: Page, action: string, notice: string, fill?: () => Promise<void>) {
  const stage = await page.getByTestId('stage').textContent();
  await page.locator(`[data-action="${action}"]`).click();
  await fill?.();
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  const outcome = await eventually(
    async () => {
      const refusal = page.getByTestId('refusal');
      if (await refusal.isVisible()) return `refused: ${await refusal.textContent()}`;
      const proposed = page.getByTestId('proposed');
      return (await proposed.isVisible()) ? proposed.textContent() : 'not yet';
    },
    (shown) => shown === notice || shown?.startsWith('refused') === true,
  );
  expect([action, outcome]).toEqual([action, notice]);
  // The form closes once the proposal is made.
  await eventually(
    () => page.getByRole('dialog').count(),
    (open) => open === 0,
  );
  await expect(page.getByTestId('stage').textContent()).resolves.toBe(stage);
}

it('serves the app to a browser and JSON to everyone else on the same paths', async () => {
  const page = await fetch(`${app.baseUrl}/case/anything`, {
    headers: { Accept: 'text/html,application/xhtml+xml' },
  });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  // The API's own paths stay the API's for machines, whatever a browser would get.
  const api = await fetch(`${app.baseUrl}/cases`, { headers: { Accept: '*/*' } });
  expect([api.status, api.headers.get('content-type')]).toEqual([
    401,
    expect.stringMatching(/^application\/problem\+json/),
  ]);
  const document = await fetch(`${app.baseUrl}/openapi.json`, { headers: { Accept: 'text/html' } });
  expect(document.headers.get('content-type')).toMatch(/^application\/json/);
});

it('signs in only as an active person of the directory, and not at all where development sign-in is off', async () => {
  const people = await okBody(call('GET', '/sign-in/people'), 'list the people');
  const ids = people.items.map((p: { id: string }) => p.id);
  expect(ids).toContain('officer-li');
  expect(ids).toContain('jcg-chen');
  expect(ids).not.toContain('officer-xu'); // has left
  const signedIn = await okBody(
    call('POST', '/sign-in', { body: { personId: 'jcg-chen' } }),
    'sign in as the prosecutor',
  );
  // The token is the prosecutor's own office: their queue answers, a police list does not.
  const queue = await call('GET', '/fast-track/prosecution', { token: signedIn.token });
  const alarms = await call('GET', '/alarms', { token: signedIn.token });
  expect([queue.status, alarms.status]).toEqual([200, 403]);
  const refused = await Promise.all([
    call('POST', '/sign-in', { body: { personId: 'officer-xu' } }),
    call('POST', '/sign-in', { body: { personId: 'nobody' } }),
  ]);
  expect(refused.map((r) => [r.status, r.body.detail])).toEqual([
    [422, 'body.personId: officer-xu is not an active person of the directory.'],
    [422, 'body.personId: nobody is not an active person of the directory.'],
  ]);

  const production = await startTestApp({
    withWorker: false,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  try {
    const off = caller(production);
    const answers = await Promise.all([
      off('GET', '/sign-in/people'),
      off('POST', '/sign-in', { body: { personId: 'officer-li' } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([404, 404]);
  } finally {
    await production.close();
  }
});

it('takes a handler from sign-in to My work and the case page, files the case from the generated form, and shows a refusal in words', async () => {
  const { caseId, token } = await openCase('李某电动车被盗案');
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();

  await page.goto(`${app.baseUrl}/login`);
  await page.getByText(officer.name).waitFor();
  await screenshot(page, '01-sign-in');
  await signIn(page, officer.id);
  await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain(officer.name);

  // My work: the new case's filing review, with a countdown on time.
  const row = page.locator('tr', { hasText: caseId });
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/立案审查.*剩 \d/);
  await expect(row.locator('[data-state]').getAttribute('data-state')).resolves.toBe('ON_TIME');
  await screenshot(page, '02-my-work');

  await row.getByRole('link', { name: caseId }).click();
  await page.waitForURL(`**/case/${caseId}`);
  await expect(page.getByTestId('stage').textContent()).resolves.toBe('立案审查');
  await screenshot(page, '03-case');

  // DECLINE_FILING's form asks for what the API's description says it requires: a reason, and
  // whether there is a complainant (the notice is owed to one only).
  await page.locator('[data-action="DECLINE_FILING"]').click();
  await page.getByText('理由').waitFor();
  await page.getByText('有无控告人').waitFor();
  await page.getByRole('button', { name: /^取\s*消$/ }).click();

  // Someone proposes filing the case in the meantime (呈请立案, for the bureau's leader to approve):
  // this page's FILE is now refused, in the rule's words.
  await page.locator('[data-action="FILE"]').click();
  const pending = await okBody(
    call('POST', `/cases/${caseId}/actions`, { token, body: { action: 'FILE' } }),
    'propose filing the case behind the page',
  );
  expect(pending.proposals.map((p: Json) => [p.approval.code, p.waitingFor.code])).toEqual([
    ['FILE', 'BUREAU_LEADER'],
  ]);
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  const refusal = page.getByTestId('refusal');
  await refusal.waitFor();
  await expect(refusal.textContent()).resolves.toMatch(/呈请立案.*is waiting for BUREAU_LEADER/);
  await screenshot(page, '04-refused');
  await page.getByRole('button', { name: /^取\s*消$/ }).click();

  // After a reload the page shows the proposal waiting for the bureau's leader: the handler may
  // withdraw it, not approve it, and the case has not moved.
  await page.reload();
  const proposal = page.locator('[data-proposal]', { hasText: '呈请立案' });
  await expect(proposal.getByTestId('waiting-for').textContent()).resolves.toBe('等待分局领导审批');
  await expect(proposal.textContent()).resolves.toMatch(/立案（FILE）.*officer-li（办案民警）/);
  await proposal.locator('[data-decision="WITHDRAW"]').waitFor();
  await expect(proposal.locator('[data-decision="APPROVE"]').count()).resolves.toBe(0);
  await expect(page.getByTestId('stage').textContent()).resolves.toBe('立案审查');

  // The bureau's leader finds it in My work as 审批, opens the case and approves: it is filed.
  const leaderContext = await browser.newContext(pageOptions);
  try {
    const leader = await leaderContext.newPage();
    await signIn(leader, 'bureau-lin');
    const task = leader.locator('tr', { hasText: caseId }).filter({ hasText: 'APPROVAL' });
    await task.waitFor();
    await expect(task.textContent()).resolves.toMatch(/审批APPROVAL/);
    await screenshot(leader, '14-approval-in-my-work');
    await task.getByRole('link', { name: caseId }).click();
    await leader.waitForURL(`**/case/${caseId}`);
    await leader.locator('[data-proposal]').waitFor();
    await screenshot(leader, '15-proposal');
    await decideProposal(leader, '呈请立案', 'APPROVE', '同意立案');
    await eventually(
      () => leader.getByTestId('stage').textContent(),
      (stage) => stage === '侦查/调查',
    );
  } finally {
    await leaderContext.close();
  }

  // After a reload the page offers what the new stage allows.
  await page.reload();
  await expect(page.getByTestId('stage').textContent()).resolves.toBe('侦查/调查');
  // Filed as proposed by the handler, on the leader's approval.
  await expect(page.getByTestId('timeline').textContent()).resolves.toMatch(
    /立案 FILE（经bureau-lin批准） · .* · officer-li（办案民警）/,
  );
  await page.locator('[data-action="SUBMIT_FOR_LEGAL_REVIEW"]').click();
  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await eventually(
    () => page.getByTestId('stage').textContent(),
    (stage) => stage === '法制审核',
  );

  // Signing out leads back to sign-in; the case page then asks for it again.
  await page.getByRole('button', { name: /^退\s*出$/ }).click();
  await page.waitForURL(/\/login/);
  await page.goto(`${app.baseUrl}/case/${caseId}`);
  await page.waitForURL(/\/login\?next=/);
  await context.close();
});

it('registers an alarm from the intake form, records the arrival and converts it to a case on the alarm page', async () => {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  try {
    await signIn(page, officer.id);
    await page.getByRole('link', { name: '接警登记' }).click();
    await page.getByLabel('简要警情').fill('小区车库电瓶车被盗');
    await page.getByLabel('发案地点').fill('城关镇幸福小区');
    await screenshot(page, '07-intake');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.waitForURL(/\/alarm\/alarm-/);
    const alarmId = page.url().split('/alarm/')[1]!;
    await expect(page.getByTestId('alarm-stage').textContent()).resolves.toBe('接警');
    // Its clocks run from the call: arrival by its tier, disposal the same day.
    await page.getByText('警情日清日结').waitFor();

    await page.locator('[data-action="ARRIVE"]').click();
    await eventually(
      () => page.getByTestId('alarm-stage').textContent(),
      (stage) => stage === '到场处置',
    );
    await page.locator('[data-action="DISPOSE"]').click();
    await choose(page, '处置方式', '转为案件');
    await choose(page, '案件类别', '刑事');
    await page.getByLabel('案件名称').fill('幸福小区电瓶车被盗案');
    await choose(page, '承办人', `${officer.name}（${officer.id}）`);
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await page.getByTestId('case-link').waitFor();
    await screenshot(page, '08-alarm');
    await page.getByTestId('case-link').click();
    await page.waitForURL(/\/case\/case-/);
    await expect(page.getByTestId('stage').textContent()).resolves.toBe('立案审查');

    const alarm = await app.prisma.alarm.findUniqueOrThrow({ where: { id: alarmId } });
    expect([alarm.stage, alarm.summary, alarm.location]).toEqual([
      'DISPOSED',
      '小区车库电瓶车被盗',
      '城关镇幸福小区',
    ]);
  } finally {
    await context.close();
  }
});

it("proposes a crime report's transfer to the competent agency from the alarm page, and a bureau leader approves it from My work", async () => {
  const token = await app.token({
    id: officer.id,
    name: officer.name,
    roles: officer.roles,
    unit: officer.unitId!,
  });
  const alarm = await okBody(
    call('POST', '/alarms', {
      token,
      body: {
        source: 'CALL_110',
        category: 'CRIME',
        responseTier: 2,
        unitId: officer.unitId,
        summary: '报称有人在境外网站发布危害国家安全信息',
      },
    }),
    'register the alarm',
  );
  const contexts: BrowserContext[] = [];
  try {
    const context = await browser.newContext(pageOptions);
    contexts.push(context);
    const handler = await context.newPage();
    await signIn(handler, officer.id);
    await handler.goto(`${app.baseUrl}/alarm/${alarm.id}`);
    await handler.locator('[data-action="ARRIVE"]').click();
    await eventually(
      () => handler.getByTestId('alarm-stage').textContent(),
      (stage) => stage === '到场处置',
    );
    await handler.locator('[data-action="DISPOSE"]').click();
    await choose(handler, '处置方式', '移交其他部门');
    await handler.getByLabel('移交单位').fill('县国家安全局');
    await handler.getByLabel(/^理由/).fill('属国家安全机关管辖');
    await handler.getByRole('button', { name: /^提\s*交$/ }).click();
    // A crime report is transferred with the bureau leader's approval (公安刑规 Art. 175).
    await expect(handler.getByTestId('proposed').textContent()).resolves.toBe(
      '已呈请审批（呈请移送管辖），等待分局领导审批',
    );
    await expect(handler.getByTestId('alarm-stage').textContent()).resolves.toBe('到场处置');
    const proposal = handler.locator('[data-proposal]', { hasText: '呈请移送管辖' });
    await expect(proposal.textContent()).resolves.toMatch(
      /移交其他部门（TRANSFERRED）.*移交单位县国家安全局.*理由属国家安全机关管辖/,
    );

    const leaderContext = await browser.newContext(pageOptions);
    contexts.push(leaderContext);
    const leader = await leaderContext.newPage();
    await signIn(leader, 'bureau-guo');
    const task = leader.locator('tr', { hasText: alarm.id }).filter({ hasText: 'APPROVAL' });
    await task.getByRole('link', { name: alarm.id }).click();
    await leader.waitForURL(`**/alarm/${alarm.id}`);
    await decideProposal(leader, '呈请移送管辖', 'APPROVE');
    // Approved, the transfer takes effect: the agency's 24 hours to receive it run.
    await expect(leader.getByTestId('alarm-stage').textContent()).resolves.toBe('待移交接收');
  } finally {
    for (const context of contexts) await context.close();
  }
});

it('takes a case across three agencies on the fast track: handler, legal officer, prosecutor from the queue, judge', async () => {
  const { caseId, queryCode } = await openCase('孙某盗窃案');
  const contexts: BrowserContext[] = [];
  /** A page of the case, signed in as the person. */
  const caseAs = (personId: string) => casePageAs(personId, caseId, contexts);
  /** Takes an action from its generated form, and waits for the stage it leads to. */
  const act = async (page: Page, action: string, stage: string, fill?: () => Promise<void>) => {
    const before = Number(await page.getByTestId('version').textContent());
    await page.locator(`[data-action="${action}"]`).click();
    await fill?.();
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    const outcome = await eventually(
      async () => {
        const refusal = page.getByTestId('refusal');
        if (await refusal.isVisible()) return `refused: ${await refusal.textContent()}`;
        const version = Number(await page.getByTestId('version').textContent());
        return version > before ? page.getByTestId('stage').textContent() : 'not yet';
      },
      (shown) => shown === stage || shown?.startsWith('refused') === true,
    );
    expect([action, outcome]).toEqual([action, stage]);
    // The form closes once the action is taken.
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
  };
  try {
    const handler = await caseAs(officer.id);
    // Filing is proposed to the bureau's leader (公安刑规 Art. 178), who approves it.
    await propose(handler, 'FILE', '已呈请审批（呈请立案），等待分局领导审批');
    const bureauLeader = await caseAs('bureau-guo');
    await decideProposal(bureauLeader, '呈请立案', 'APPROVE');
    await expect(bureauLeader.getByTestId('stage').textContent()).resolves.toBe('侦查/调查');
    await handler.reload();
    await act(handler, 'SUBMIT_FOR_LEGAL_REVIEW', '法制审核');
    await act(await caseAs('legal-he'), 'APPROVE_LEGAL_REVIEW', '速裁评估');
    await handler.reload();
    const eligible = async (page: Page) => {
      for (const fact of [
        '属基层人民法院管辖',
        '案件事实清楚',
        '证据确实、充分',
        '犯罪嫌疑人认罪认罚',
        '犯罪嫌疑人同意适用速裁程序',
      ])
        await page.getByLabel(fact).check();
      await page.getByLabel(/可能判处的有期徒刑/).fill('8');
    };
    // Sending the case (起诉意见书, Art. 289) is proposed to the bureau's leader too. The police
    // suggest 速裁; the procuratorate decides the route when it accepts the case.
    await propose(
      handler,
      'TRANSFER_FOR_PROSECUTION',
      '已呈请审批（呈请移送审查起诉），等待分局领导审批',
      async () => {
        await choose(handler, '建议适用的程序', '速裁程序（FAST_TRACK）');
        await choose(handler, '检察机关', '县人民检察院（xjcy）');
        await eligible(handler);
        await screenshot(handler, '09-transfer-fast-track');
      },
    );
    await bureauLeader.reload();
    // The leader reads what is proposed, with its fields in words.
    const transfer = await bureauLeader
      .locator('[data-proposal]', { hasText: '呈请移送审查起诉' })
      .textContent();
    for (const shown of [
      '移送审查起诉（TRANSFER_FOR_PROSECUTION）',
      '建议适用的程序速裁程序（FAST_TRACK）',
      '检察机关xjcy',
      '速裁适用情形属基层人民法院管辖',
    ])
      expect(transfer).toContain(shown);
    await decideProposal(bureauLeader, '呈请移送审查起诉', 'APPROVE', '同意移送');
    await expect(bureauLeader.getByTestId('stage').textContent()).resolves.toBe('审查起诉');
    // The police's suggestion is among the case's facts.
    await expect(bureauLeader.getByTestId('suggested-route').textContent()).resolves.toBe(
      '速裁程序（FAST_TRACK）',
    );

    // The prosecutor finds it in the procuratorate's queue.
    const prosecutorContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(prosecutorContext);
    const prosecutor = await prosecutorContext.newPage();
    await signIn(prosecutor, 'jcg-chen');
    await prosecutor.getByRole('link', { name: '审查起诉队列' }).click();
    const row = prosecutor.locator('tr', { hasText: '孙某盗窃案' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/待受理/);
    await screenshot(prosecutor, '10-prosecution-queue');
    await row.getByRole('link', { name: '孙某盗窃案' }).click();
    await prosecutor.getByTestId('stage').waitFor();
    await act(prosecutor, 'PROSECUTION_ACCEPT', '审查起诉', async () => {
      await choose(prosecutor, '决定适用的程序', '速裁程序（FAST_TRACK）');
      await eligible(prosecutor);
      // 速裁 is decided with the 认罪认罚具结书, signed with a duty lawyer present.
      await choose(prosecutor, '认罪认罚具结书签署时在场律师', '值班律师（DUTY_LAWYER）');
      await prosecutor.getByLabel('在场律师姓名').fill('王值班');
    });
    await expect(prosecutor.getByTestId('plea-agreement').textContent()).resolves.toMatch(
      /^已签署，值班律师王值班在场/,
    );
    await act(prosecutor, 'INDICT', '速裁审理', async () => {
      await prosecutor.getByLabel('量刑建议').fill('有期徒刑八个月');
      await choose(prosecutor, '审判机关', '县人民法院（xfy）');
    });

    const judge = await caseAs('judge-sun');
    await act(judge, 'COURT_ACCEPT', '速裁审理');
    await act(judge, 'PRONOUNCE_JUDGMENT', '结案', async () => {
      await judge.getByLabel('判决内容').fill('判处有期徒刑八个月');
    });

    // The party sees the judgment's milestone by the code on their receipt.
    const status = await okBody(call('GET', `/public/cases/${queryCode}`), 'look the case up');
    expect(status.stage.code).toBe('CLOSED');
    expect(status.milestones.map((m: Json) => m.action)).toContain('PRONOUNCE_JUDGMENT');
  } finally {
    for (const context of contexts) await context.close();
  }
});

it('shows a refusal and its reason on the case page and in the timeline, lets the handler withdraw a proposal, and takes a proposed extension of the time to request arrest approval to its approval', async () => {
  const { caseId, token } = await openCase('周某盗窃案');
  const contexts: BrowserContext[] = [];
  try {
    const handler = await casePageAs(officer.id, caseId, contexts);
    await propose(handler, 'FILE', '已呈请审批（呈请立案），等待分局领导审批');

    // The bureau's leader refuses: not without a reason.
    const leader = await casePageAs('bureau-lin', caseId, contexts);
    const proposal = leader.locator('[data-proposal]', { hasText: '呈请立案' });
    await proposal.locator('[data-decision="REFUSE"]').click();
    await leader
      .getByRole('dialog')
      .getByRole('button', { name: /^不批准$/ })
      .click();
    await leader.getByText('请填写不批准的理由').waitFor();
    const reason = '报案材料不全，请补充被盗物品价值证明';
    await leader.getByRole('dialog').getByRole('textbox').fill(reason);
    await leader
      .getByRole('dialog')
      .getByRole('button', { name: /^不批准$/ })
      .click();
    await proposal.waitFor({ state: 'detached' });

    // The handler sees it on the case, with the reason, and in the timeline; the case has not moved.
    await handler.reload();
    const refused = handler.getByTestId('refused-proposal');
    await expect(refused.textContent()).resolves.toMatch(
      new RegExp(`^呈请立案未获批准${reason}（bureau-lin，分局领导，`),
    );
    const timeline = handler.getByTestId('timeline');
    await expect(timeline.textContent()).resolves.toMatch(
      new RegExp(`APPROVAL_REFUSED（呈请立案） · .* · bureau-lin（分局领导） · ${reason}`),
    );
    await expect(handler.getByTestId('stage').textContent()).resolves.toBe('立案审查');
    await screenshot(handler, '16-refused-proposal');

    // Proposed again, then withdrawn by the handler: nothing waits any more.
    await propose(handler, 'FILE', '已呈请审批（呈请立案），等待分局领导审批');
    await expect(handler.getByTestId('refused-proposal').count()).resolves.toBe(0);
    await decideProposal(handler, '呈请立案', 'WITHDRAW', '补充材料后再呈请');
    await expect(handler.getByTestId('timeline').textContent()).resolves.toContain(
      'APPROVAL_WITHDRAWN（呈请立案）',
    );

    // The suspect is detained: 3 days to request arrest approval, extended only on a proposal.
    await okBody(
      call('POST', `/cases/${caseId}/measures`, { token, body: { event: 'DETAIN' } }),
      'detain the suspect',
    );
    await handler.reload();
    await handler.locator('[data-extend="ARREST_REQUEST"]').click();
    const dialog = handler.getByRole('dialog');
    // The dialog's own submit button, found by its place rather than by its accessible name: a
    // notification of the detention's new clocks may reload the page behind the dialog meanwhile.
    const proposeButton = handler.locator('.ant-modal-footer .ant-btn-primary:visible', {
      hasText: '呈请审批',
    });
    await dialog.getByLabel('延长', { exact: true }).fill('10');
    await dialog.getByLabel('理由').fill('结伙作案，同案人在逃');
    await proposeButton.click();
    // Beyond 4 days only on the ground the law names: the API's words say so.
    const refusal = handler.getByTestId('extension-refusal');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(
      /send ground, one of ROAMING, REPEATED, GANG/,
    );
    await choose(handler, /法定情形/, '结伙作案（GANG）');
    await screenshot(handler, '17-extension-proposal');
    await proposeButton.click();
    await proposeButton.waitFor({ state: 'hidden' });
    await expect(handler.getByTestId('proposed').textContent()).resolves.toBe(
      '已呈请审批（呈请延长提请批准逮捕期限），等待分局领导审批',
    );
    // One proposal per deadline at a time: it is no longer offered while this one waits.
    await expect(handler.locator('[data-extend="ARREST_REQUEST"]').count()).resolves.toBe(0);

    await leader.reload();
    const extension = await leader
      .locator('[data-proposal]', { hasText: '呈请延长提请批准逮捕期限' })
      .textContent();
    for (const shown of [
      '延长“提请批准逮捕”期限',
      '延长10日',
      '法定情形结伙作案',
      '理由结伙作案，同案人在逃',
    ])
      expect(extension).toContain(shown);
    await decideProposal(leader, '呈请延长提请批准逮捕期限', 'APPROVE');
    const after = await okBody(call('GET', `/cases/${caseId}`, { token }), 'read the case');
    const arrestRequest = after.deadlines.find((d: Json) => d.policyCode === 'ARREST_REQUEST');
    expect(arrestRequest.extensions).toEqual([{ length: 10, unit: 'DAYS' }]);
  } finally {
    for (const context of contexts) await context.close();
  }
});

it('takes a request to extend custody through its chain: the legal office, the bureau leader, then the procuratorate', async () => {
  const { caseId, token } = await openCase('吴某抢劫案');
  const bureau = await app.token({
    id: 'bureau-lin',
    name: '林局长',
    roles: ['BUREAU_LEADER'],
    unit: 'gaj',
  });
  const prosecutor = await app.token({
    id: 'jcg-chen',
    name: '陈检察官',
    roles: ['PROSECUTOR'],
    org: 'xjcy',
  });
  // Filed with the bureau leader's approval; the suspect detained, then arrested on approval.
  const proposed = await okBody(
    call('POST', `/cases/${caseId}/actions`, { token, body: { action: 'FILE' } }),
    'propose filing',
  );
  await okBody(
    call('POST', `/cases/${caseId}/proposals/${proposed.proposals[0].id}/decision`, {
      token: bureau,
      body: { decision: 'APPROVE' },
    }),
    'approve filing',
  );
  const measure = (body: Json, as = token) =>
    okBody(call('POST', `/cases/${caseId}/measures`, { token: as, body }), body.event);
  await measure({ event: 'DETAIN' });
  await measure({ event: 'REQUEST_ARREST', prosecutionOrg: 'xjcy' });
  await measure({ event: 'APPROVE_ARREST' }, prosecutor);

  const contexts: BrowserContext[] = [];
  try {
    const handler = await casePageAs(officer.id, caseId, contexts);
    await handler.locator('[data-extend="CUSTODY_INVESTIGATION"]').click();
    const dialog = handler.getByRole('dialog');
    // Counted in months, with no ground to give.
    await expect(dialog.locator('.ant-form-item', { hasText: '单位' }).textContent()).resolves.toBe(
      '单位个月',
    );
    await expect(dialog.getByText('法定情形').count()).resolves.toBe(0);
    await dialog.getByLabel('延长', { exact: true }).fill('1');
    await dialog.getByLabel('理由').fill('案情复杂，需查证同案人');
    await dialog.getByRole('button', { name: /^呈请审批$/ }).click();
    await expect(handler.getByTestId('proposed').textContent()).resolves.toBe(
      '已呈请审批（呈请提请延长侦查羁押期限），等待法制员审批',
    );

    const label = '呈请提请延长侦查羁押期限';
    const legal = await casePageAs('legal-he', caseId, contexts);
    await decideProposal(legal, label, 'APPROVE', '符合延长条件', '等待分局领导审批');
    const leader = await casePageAs('bureau-lin', caseId, contexts);
    const card = leader.locator('[data-proposal]', { hasText: label });
    // The chain with the step decided: who approved, with their note.
    await expect(card.locator('.ant-steps').textContent()).resolves.toMatch(
      /法制员legal-he 已批准 · .* · 符合延长条件2分局领导待审批3检察官/,
    );
    await screenshot(leader, '18-custody-extension-chain');
    await decideProposal(leader, label, 'APPROVE', undefined, '等待检察官审批');
    const procuratorate = await casePageAs('jcg-chen', caseId, contexts);
    await decideProposal(procuratorate, label, 'APPROVE');

    const after = await okBody(call('GET', `/cases/${caseId}`, { token }), 'read the case');
    const custody = after.deadlines.find((d: Json) => d.policyCode === 'CUSTODY_INVESTIGATION');
    expect(custody.extensions).toEqual([{ length: 1, unit: 'MONTHS' }]);
    await handler.reload();
    await expect(handler.getByTestId('timeline').textContent()).resolves.toContain(
      'DEADLINE_EXTENDED（经jcg-chen批准）',
    );
  } finally {
    for (const context of contexts) await context.close();
  }
});

it("asks a penalty's kind and fine, and sends a small fine to the station's leader for approval", async () => {
  const { caseId, token } = await openCase('赵某酒后滋事案', app, 'ADMINISTRATIVE');
  const legal = await app.token({
    id: 'legal-he',
    name: '何法制员',
    roles: ['LEGAL_OFFICER'],
    unit: 'gaj.cg',
  });
  // Investigated from acceptance, reviewed by the legal office: the penalty is to be decided.
  const action = (body: Json, as = token) =>
    okBody(call('POST', `/cases/${caseId}/actions`, { token: as, body }), body.action);
  await action({ action: 'SUBMIT_FOR_LEGAL_REVIEW' });
  await action({ action: 'APPROVE_LEGAL_REVIEW' }, legal);
  const contexts: BrowserContext[] = [];
  try {
    const handler = await casePageAs(officer.id, caseId, contexts);
    await expect(handler.getByTestId('stage').textContent()).resolves.toBe('处罚决定');
    // The penalty is decided (DECIDE_PENALTY), then served; a fine of at most 500 yuan by the
    // station's leader.
    await propose(
      handler,
      'DECIDE_PENALTY',
      '已呈请审批（呈请治安处罚（警告、小额罚款）），等待所队领导审批',
      async () => {
        await handler.getByLabel('处罚内容').fill('罚款三百元');
        // The fine's amount is asked once the kind is a fine.
        await expect(handler.getByLabel('罚款金额（元）').count()).resolves.toBe(0);
        await choose(handler, '处罚种类', '罚款（FINE）');
        await handler.getByLabel('罚款金额（元）').fill('300');
        await screenshot(handler, '19-penalty');
      },
    );
    const leader = await casePageAs('leader-zhao', caseId, contexts);
    const card = await leader.locator('[data-proposal]', { hasText: '呈请治安处罚' }).textContent();
    for (const shown of ['处罚内容罚款三百元', '处罚种类罚款（FINE）', '罚款金额（元）300'])
      expect(card).toContain(shown);
    await decideProposal(leader, '呈请治安处罚', 'APPROVE');
    await expect(leader.getByTestId('stage').textContent()).resolves.toBe('处罚决定书送达');
  } finally {
    for (const context of contexts) await context.close();
  }
});

it("shows a station leader the month's evaluation of the station and the units below it, with charts and a CSV export", async () => {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 1000 },
    acceptDownloads: true,
  });
  try {
    const page = await context.newPage();
    await signIn(page, 'leader-zhao');
    await page.getByRole('link', { name: '全案考评' }).click();
    await page.getByText('各环节按期率').waitFor();
    // The cases this file opened at the station this month are counted; its squad is below it.
    const opened = await app.prisma.case.count({ where: { unitId: 'gaj.cg' } });
    const figure = page.locator('.ant-statistic', { hasText: '受案' });
    await expect(figure.locator('.ant-statistic-content-value').textContent()).resolves.toBe(
      String(opened),
    );
    await page.getByText('下级单位').waitFor();
    // At least two charts, drawn once their library has loaded.
    await page.locator('canvas').nth(1).waitFor();
    await screenshot(page, '11-evaluation');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^全案考评-gaj\.cg-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^\ufeff全案考评,城关派出所,gaj\.cg,/),
      '受案,结案,超期环节,其中未完成,一级督办,二级督办,延长期限,退回补充侦查',
      expect.stringMatching(new RegExp(`^${opened},`)),
    ]);
    expect(csv).toContain('城关派出所治安中队,gaj.cg.zaz,');
  } finally {
    await context.close();
  }
});

it('lets a party look a case up by its query code without signing in, on a phone', async () => {
  const { queryCode } = await openCase('王某被盗案');
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/lookup`);
  await page.getByLabel('查询码').fill('NOSUCHCODE');
  await page.getByRole('button', { name: /^查\s*询$/ }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('查询码').fill(queryCode);
  await page.getByRole('button', { name: /^查\s*询$/ }).click();
  await expect(page.getByTestId('public-stage').textContent()).resolves.toBe('立案审查');
  // Nothing personal: the handler's id and the case's title are not shown.
  const text = await page.textContent('body');
  expect(text).not.toContain(officer.id);
  expect(text).not.toContain('王某被盗案');
  await screenshot(page, '05-public-lookup');
  await context.close();
});

it("shows a unit leader the escalation of an overdue case arriving in the open inbox, extends it within the law's cap, and finds it on the dashboard", async () => {
  // Here the filing review falls due 2 s after acceptance; its second level is an hour later.
  const leaderApp = await startTestApp({
    withWorker: true,
    ...(databaseUrl ? { databaseUrl } : {}),
    webRoot: WEB_ROOT,
    devSignIn: true,
    // A clock shortened to seconds is extended in minutes: at most 4, as the law's first
    // extension adds at most 4 days.
    policyOverrides: {
      FILING_REVIEW: {
        period: seconds(2),
        grace: seconds(3600),
        extensionUpTo: { length: 4, unit: 'MINUTES' },
      },
    },
  });
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
  });
  try {
    // The leader has the inbox open before the case exists.
    const page = await context.newPage();
    await signIn(page, 'leader-zhao', leaderApp);
    await page.getByRole('link', { name: '督办', exact: true }).click();
    await page.waitForURL('**/inbox');
    const unreadBefore = Number((await page.getByTestId('unread').textContent()) || '0');

    const { caseId } = await openCase('赵某手机被盗案', leaderApp);
    const leader = await leaderApp.token({
      id: 'leader-zhao',
      name: '赵所长',
      roles: ['UNIT_LEADER'],
      unit: 'gaj.cg',
    });
    const inbox = () => caller(leaderApp)('GET', '/me/escalations', { token: leader });

    // Overdue 2 s later: the escalation arrives on the open page without a reload, and the bell
    // counts it.
    const row = page.locator('tr', { hasText: caseId }).filter({ hasText: '超期督办（一级）' });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('刑事立案审查');
    await eventually(
      async () => Number((await page.getByTestId('unread').textContent()) || '0'),
      (unread) => unread > unreadBefore,
    );
    const escalation = (await inbox()).body.items.find(
      (e: Json) => e.links.subject === `/cases/${caseId}` && e.level === 'FIRST_LEVEL',
    );
    await screenshot(page, '06-inbox');

    // The first extension of a filing review: capped, approved by the station's leader.
    await row.locator('[data-decision="EXTEND"]').click();
    await page.getByText('本次最多延长 4分钟，须由所队领导批准').waitFor();
    await page.getByRole('spinbutton').fill('2');
    await page.getByLabel('理由').fill('需核实线索');
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await row.waitFor({ state: 'detached' });

    const after = await okBody(
      caller(leaderApp)('GET', `/cases/${caseId}`, { token: leader }),
      'read the extended case',
    );
    const review = after.deadlines.find((d: Json) => d.policyCode === 'FILING_REVIEW');
    expect(review.extensions).toEqual([{ length: 2, unit: 'MINUTES' }]);
    const answered = (await inbox()).body.items.find((e: Json) => e.id === escalation.id);
    expect(answered).toBeUndefined();

    // The station's dashboard counts the step overdue (extended after it went overdue, it stays
    // so) and lists it among the urgent ones, linked to its case.
    await page.getByRole('link', { name: '督办看板' }).click();
    const urgent = page.locator('tr', { hasText: caseId });
    await urgent.waitFor();
    await expect(urgent.textContent()).resolves.toMatch(/已超期.*刑事立案审查/);
    const overdue = page.locator('[data-figure="超期"] .ant-statistic-content-value');
    await expect(overdue.textContent()).resolves.toMatch(/^[1-9]\d*$/);
    await screenshot(page, '12-dashboard');
    await urgent.getByRole('link', { name: caseId }).click();
    await page.waitForURL(`**/case/${caseId}`);
    // Its deadline drawn against time: opened, escalated, extended; the timeline in words.
    await page.getByText('延长期限', { exact: true }).waitFor();
    await expect(page.locator('canvas').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, '13-case-deadlines');
  } finally {
    await context.close();
    await leaderApp.close();
  }
});

/**
 * Records a step from its dialog on an information request's or a matter's page (the button
 * `data-step`), and says how it went: the API's refusal in its words, or undefined once the dialog
 * has closed.
 */
async function recordStep(page: Page, step: string, fill?: () => Promise<void>) {
  await page.locator(`[data-step="${step}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill?.();
  await dialog.getByRole('button', { name: /^(提\s*交|登\s*记)$/ }).click();
  const outcome = await eventually(
    async () => {
      const refusal = page.getByTestId('refusal');
      if (await refusal.isVisible()) return `refused: ${await refusal.textContent()}`;
      return (await page.getByRole('dialog').count()) === 0 ? 'closed' : 'open';
    },
    (shown) => shown !== 'open',
  );
  return outcome === 'closed' ? undefined : outcome;
}

describe('open-government information requests in the workbench', () => {
  it('registers a request, asks for its correction, records the corrected application and answers it', async () => {
    const context = await browser.newContext(pageOptions);
    try {
      const page = await context.newPage();
      await signIn(page, 'center-zhou');
      await page.getByRole('link', { name: '信息公开', exact: true }).click();
      await page.waitForURL('**/info-request');

      // Handed in person: received as it is registered, its 20 working days running.
      const outcome = await recordStep(page, 'REGISTER', async () => {
        await page.getByLabel('申请人', { exact: true }).fill('王某信');
        await page.getByLabel('联系方式').fill('13800000000');
        await page.getByLabel('所需政府信息的描述').fill('本县2025年道路交通事故统计');
        await screenshot(page, '20-info-request-registration');
      });
      expect(outcome).toBeUndefined();
      await page.waitForURL(/\/info-request\/info-/);
      const id = page.url().split('/').pop()!;
      await expect(page.getByTestId('stage').textContent()).resolves.toBe('办理中');
      // Its clocks, each with why it is due then.
      await page.locator('tr', { hasText: '政府信息公开答复' }).first().waitFor();

      // The case centre finds the answer among its work, linked to this page.
      await page.getByRole('link', { name: '我的待办' }).click();
      const work = page.getByRole('link', { name: id }).first();
      await expect(work.getAttribute('href')).resolves.toBe(`/info-request/${id}`);
      await work.click();
      await page.waitForURL(`**/info-request/${id}`);

      // One correction, asked with the matters to correct and a period (preset) to do so.
      expect(
        await recordStep(page, 'CORRECTION_REQUESTED', () =>
          page.getByLabel('需要补正的事项').fill('请写明所需统计的具体月份'),
        ),
      ).toBeUndefined();
      await eventually(
        () => page.getByTestId('stage').textContent(),
        (stage) => stage === '待补正',
      );
      await expect(page.getByTestId('correction').textContent()).resolves.toContain(
        '请写明所需统计的具体月份',
      );
      // Abandoned only once the period set has passed: the rule's words, not a blank.
      const refused = await recordStep(page, 'ABANDONED');
      expect(refused).toMatch(/^refused: 操作被拒绝.*to correct the request/);
      await screenshot(page, '21-info-request-refused');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^取\s*消$/ })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      // The corrected application starts the answer's 20 working days anew.
      expect(await recordStep(page, 'CORRECTED_APPLICATION_RECEIVED')).toBeUndefined();
      await eventually(
        () => page.getByTestId('stage').textContent(),
        (stage) => stage === '办理中',
      );
      // A refusal of information states its reasons: the form asks for them.
      expect(
        await recordStep(page, 'ANSWERED', async () => {
          await choose(page, '答复类型', '予以公开（第三十六条第（二）项）');
        }),
      ).toBeUndefined();
      await eventually(
        () => page.getByTestId('stage').textContent(),
        (stage) => stage === '已答复',
      );
      await expect(page.getByTestId('answer').textContent()).resolves.toMatch(
        /^予以公开（.*，按期）$/,
      );
      const timeline = await page.getByTestId('timeline').textContent();
      for (const shown of [
        '收到申请（当面提交）',
        '一次性告知补正',
        '收到补正后的申请',
        '作出答复：予以公开',
      ])
        expect(timeline).toContain(shown);
      await expect(page.locator('[data-step]').count()).resolves.toBe(0);
      await screenshot(page, '22-info-request-answered');

      // The list filtered to the answered ones holds it.
      await page.getByRole('link', { name: '信息公开', exact: true }).click();
      await page.locator('.ant-segmented-item', { hasText: '已答复' }).click();
      await page.waitForURL('**/info-request?stage=ANSWERED');
      await page.locator('tr', { hasText: '王某信' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('reconsiderations and lawsuits in the workbench', () => {
  /** An administrative case of officer Li's station, opened from a report through the API. */
  async function openAdministrativeCase(title: string) {
    const token = await app.token({
      id: officer.id,
      name: officer.name,
      roles: officer.roles,
      unit: officer.unitId!,
    });
    const alarm = await okBody(
      call('POST', '/alarms', {
        token,
        body: {
          source: 'CALL_110',
          category: 'VIOLATION',
          responseTier: 2,
          unitId: officer.unitId,
          summary: '酒后殴打他人',
        },
      }),
      'register the alarm',
    );
    const disposed = await okBody(
      call('POST', `/alarms/${alarm.id}/disposition`, {
        token,
        body: {
          disposition: 'CONVERTED_TO_CASE',
          newCase: { kind: 'ADMINISTRATIVE', title, handlerId: officer.id },
        },
      }),
      'convert the alarm to a case',
    );
    return disposed.state.disposition.caseId as string;
  }

  it('registers a lawsuit against a case, records the defence, the hearing with the leader and an outcome against the bureau, then its performance', async () => {
    const caseId = await openAdministrativeCase('钱某殴打他人案');
    const context = await browser.newContext(pageOptions);
    try {
      const page = await context.newPage();
      await signIn(page, 'legal-he');
      await page.getByRole('link', { name: '复议诉讼', exact: true }).click();
      await page.waitForURL('**/matter');

      // The copy of the complaint arrived now (preset): the 15 days of the defence run.
      expect(
        await recordStep(page, 'REGISTER', async () => {
          await choose(page, '种类', '行政诉讼');
          await page.getByLabel('案件编号').fill(caseId);
          await page.getByLabel('决定内容').fill('行政拘留五日');
          await page.getByLabel('原告').fill('钱某诉');
          await page.getByLabel('人民法院').fill('县人民法院');
          await screenshot(page, '23-lawsuit-registration');
        }),
      ).toBeUndefined();
      await page.waitForURL(/\/matter\/lit-/);
      const id = page.url().split('/').pop()!;
      await expect(page.getByTestId('stage').textContent()).resolves.toBe('答复（答辩）期内');
      await expect(page.getByTestId('case-link').getAttribute('href')).resolves.toBe(
        `/case/${caseId}`,
      );
      await page.locator('tr', { hasText: '行政诉讼答辩' }).first().waitFor();

      expect(
        await recordStep(page, 'ANSWER_SUBMITTED', () =>
          page.getByLabel(/^提交的答辩状及证据/).fill('答辩状一份，证据目录十项'),
        ),
      ).toBeUndefined();
      await eventually(
        () => page.getByTestId('stage').textContent(),
        (stage) => stage === '已答复，待决定（裁判）',
      );
      await expect(page.getByTestId('answer').textContent()).resolves.toContain('按期');

      // The responsible leader appeared in court (行政诉讼法 Art. 3 ¶3).
      expect(
        await recordStep(page, 'HEARING_RECORDED', async () => {
          await page.getByText('负责人出庭', { exact: true }).click();
          await page.getByLabel('负责人姓名').fill('林局长');
          await page.getByLabel('负责人职务').fill('局长');
        }),
      ).toBeUndefined();
      await eventually(
        () => page.getByTestId('hearing').textContent(),
        (shown) => shown === '行政机关负责人林局长（局长）出庭应诉',
      );

      // Revoked: against the bureau, and owed its performance.
      expect(
        await recordStep(page, 'DECIDED', async () => {
          await choose(page, /^\*?\s*结果$/, '判决撤销（对本局不利，待履行）');
          await page.getByLabel('文书编号').fill('（2026）X0101行初12号');
        }),
      ).toBeUndefined();
      await eventually(
        () => page.getByTestId('stage').textContent(),
        (stage) => stage === '待履行',
      );
      await expect(page.getByTestId('outcome').textContent()).resolves.toContain('判决撤销');
      await screenshot(page, '24-lawsuit-decided');

      // The decisions not yet carried out.
      await page.getByRole('link', { name: '复议诉讼', exact: true }).click();
      await page.locator('.ant-segmented-item', { hasText: '待履行' }).click();
      await page.waitForURL('**/matter?stage=AWAITING_PERFORMANCE');
      const row = page.locator('tr', { hasText: '钱某诉' });
      await expect(row.textContent()).resolves.toContain('判决撤销');
      await screenshot(page, '25-awaiting-performance');
      await row.getByRole('link', { name: '行政诉讼' }).click();
      await page.waitForURL(`**/matter/${id}`);

      expect(
        await recordStep(page, 'CARRIED_OUT', () =>
          page.getByLabel('履行情况').fill('已撤销原行政拘留决定并赔偿'),
        ),
      ).toBeUndefined();
      await eventually(
        () => page.getByTestId('stage').textContent(),
        (stage) => stage === '已结',
      );
      const timeline = await page.getByTestId('timeline').textContent();
      for (const shown of [
        '收到起诉状副本',
        '提交答辩状及证据',
        '开庭',
        '结果：判决撤销（对本局不利）',
        '已履行',
      ])
        expect(timeline).toContain(shown);
      await page.getByRole('link', { name: '复议诉讼', exact: true }).click();
      await page.locator('.ant-segmented-item', { hasText: '待履行' }).click();
      await page.locator('.ant-table-placeholder').waitFor();
      await expect(page.locator('tr', { hasText: '钱某诉' }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });
});
