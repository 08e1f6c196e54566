// The territory page: the tree from the county root, a town created through the UI appears in it.
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, newPage, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('territory', () => {
  it('shows the county root, creates a town under it, and the town appears in the tree', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.getByTestId('nav-menu').getByText('辖区网格').click();
    await page.waitForURL('**/territory');

    const tree = page.getByTestId('region-tree');
    await tree.getByText('示范县').first().waitFor();
    const detail = page.getByTestId('region-detail');
    await detail.getByText('339901', { exact: true }).waitFor();

    await page.getByTestId('region-create-child').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('新建镇/街道').waitFor();
    await page.getByTestId('region-name').fill('城关镇');
    await page.getByTestId('region-code').fill('339901001');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    await tree.getByText('城关镇').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // The detail panel's children table lists it too.
    await detail.getByRole('cell', { name: '339901001' }).waitFor();

    // A second town with the same code is refused, and the error lands on the code field.
    await page.getByTestId('region-create-child').click();
    await page.getByTestId('region-name').fill('东城街道');
    await page.getByTestId('region-code').fill('339901001');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('dialog').getByText('已被使用').waitFor();
    await context.close();
  });

  it('opens a town from the tree and shows its breadcrumb', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/territory`);
    await page.getByTestId('region-tree').getByText('城关镇').click();
    const detail = page.getByTestId('region-detail');
    await detail.locator('.ant-breadcrumb').getByText('示范县').waitFor();
    expect(await detail.textContent()).toContain('339901001');
    expect(new URL(page.url()).searchParams.get('region')).not.toBeNull();
    await context.close();
  });

  it('imports a spreadsheet against the real server: progress, result, rejected rows, and the new regions in the tree', async () => {
    const { context, page } = await newPage(browser);
    // A sheet as an office would make it: Chinese headers, one good town and village, and two
    // bad rows (a code with letters, a parent that does not exist).
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRow(['名称', '代码', '级别', '上级代码']);
    ws.addRow(['南山乡', '339901009', '乡', '339901']);
    ws.addRow(['坏代码村', '33990100A001', '村', '339901009']);
    ws.addRow(['南山村', '339901009001', '村', '339901009']);
    ws.addRow(['孤儿村', '339901777001', '村', '339901777']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/territory`);
    await page.getByTestId('region-import').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('下载模板 (.xlsx)').waitFor();
    const template = await page.request.get(`${server.url}/api/v1/regions/import/template.xlsx`);
    expect(template.headers()['content-type']).toContain('spreadsheetml');
    await dialog.locator('input[type=file]').setInputFiles({ name: '区划导入.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await dialog.getByText('导入有效行，跳过错误行').click();
    await dialog.getByRole('button', { name: '开始导入' }).click();

    const result = page.getByTestId('import-result');
    await result.getByText('导入完成').waitFor({ timeout: 30_000 });
    expect(await result.getByRole('row').count()).toBe(3); // header + two rejected rows
    expect(await result.textContent()).toMatch(/3[^0-9]*5|5[^0-9]*3/); // rows 3 and 5 named
    await screenshot(page, 'desktop-import-result');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/territory`);
    await page.getByTestId('region-tree').getByText('南山乡').waitFor();
    await context.close();
  });

  it('renames, moves (to a parent found by search), deactivates and reactivates a village', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    const villageId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string; region: { id: number } };
      const post = (path: string, body: unknown) =>
        fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: number }>);
      const towns = (await (await fetch(`/api/v1/regions?parentId=${me.region.id}`)).json()) as { items: { id: number; name: string }[] };
      const town = towns.items.find((t) => t.name === '城关镇');
      await post('/regions', { parentId: me.region.id, level: 'town', code: '339901002', name: '东城街道' });
      return (await post('/regions', { parentId: town?.id ?? 0, level: 'village', code: '339901001001', name: '城南社区' })).id;
    });
    await page.goto(`${server.url}/territory?region=${villageId}`);
    const detail = page.getByTestId('region-detail');
    const breadcrumb = detail.locator('.ant-breadcrumb');
    await breadcrumb.getByText('城关镇').waitFor();
    // Opened by link: the tree expands down to it.
    await page.getByTestId('region-tree').getByText('城南社区').waitFor();

    await page.getByTestId('region-edit').click();
    await page.getByTestId('region-name').fill('城南新区');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('region-tree').getByText('城南新区').waitFor();
    await detail.locator('.ant-card-head').getByText('城南新区').waitFor();

    await page.getByTestId('region-move').click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.locator('.ant-select'), '东城', '东城街道');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await breadcrumb.getByText('东城街道').waitFor();
    expect(await breadcrumb.getByText('城关镇').count()).toBe(0);

    await page.getByTestId('region-toggle').click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.locator('.ant-modal-confirm-title').textContent()).toBe('停用“城南新区”？');
    await confirm.getByRole('button', { name: /停\s*用/ }).click();
    await detail.getByText('已停用').first().waitFor();
    await page.getByTestId('region-toggle').getByText(/启\s*用/).waitFor();
    await page.getByTestId('region-toggle').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /启\s*用/ }).click();
    await page.getByTestId('region-toggle').getByText(/停\s*用/).waitFor();
    await context.close();
  });
});
