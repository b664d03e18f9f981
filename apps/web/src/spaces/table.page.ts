import type { Role } from '@hubspoke/db';
import type { TableDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { html, type SafeHtml } from '../ui/html.js';

export interface Member {
  id: number;
  display_name: string;
  handle: string;
  role: Role;
}

export interface TableView {
  table: TableDto;
  members: readonly Member[];
  threads: SafeHtml;
  canManage: boolean;
}

function details(ctx: PageContext, table: TableDto) {
  const { t } = ctx;
  return html`<dl class="row mb-0 table-details">
    <dt class="col-sm-3">${t('table.kind')}</dt><dd class="col-sm-9">${t(`tableKind.${table.kind}`)}</dd>
    <dt class="col-sm-3">${t('table.regions')}</dt><dd class="col-sm-9">${table.regions.join(', ') || t('common.none')}</dd>
    <dt class="col-sm-3">${t('table.visibility')}</dt><dd class="col-sm-9">${t(`visibility.${table.visibility}`)}</dd>
  </dl>`;
}

function members(ctx: PageContext, list: readonly Member[]) {
  const { t } = ctx;
  if (list.length === 0) return html`<p>${t('table.noMembers')}</p>`;
  // In the narrow side column the table may scroll sideways: keyboard users must reach it too.
  return html`<div class="table-responsive" tabindex="0" role="region" aria-labelledby="members">
    <table class="table">
      <caption class="visually-hidden">${t('table.membersCount', { count: list.length })}</caption>
      <thead><tr>
        <th scope="col">${t('table.memberName')}</th>
        <th scope="col">${t('table.memberRole')}</th>
      </tr></thead>
      <tbody>
        ${list.map(
          (m) =>
            html`<tr><th scope="row">${m.display_name} <span class="d-block small fw-normal text-secondary">@${m.handle}</span></th><td>${t(`role.${m.role}`)}</td></tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function tablePage(ctx: PageContext, view: TableView) {
  const { t } = ctx;
  const { table } = view;
  return html`<p class="mb-1"><span class="badge bg-primary">${t(`tableKind.${table.kind}`)}</span></p>
    <h1 class="mb-2">${table.name}</h1>
    ${table.description ? html`<p class="lead mb-4">${table.description}</p>` : ''}
    <p class="mb-4"><a class="btn btn-outline-primary btn-sm" href="/tavoli/${table.id}/percorso">${t('path.title')}</a></p>
    <div class="row">
      <div class="col-12 col-lg-8">
        ${section('threads', t('table.threads'), view.threads)}
      </div>
      <div class="col-12 col-lg-4">
        ${section('details', t('table.details'), details(ctx, table))}
        ${section(
          'members',
          `${t('table.members')} (${view.members.length})`,
          html`${members(ctx, view.members)}
          ${view.canManage ? html`<a class="btn btn-outline-primary btn-sm" href="/admin/tavoli/${table.id}">${t('table.manage')}</a>` : ''}`,
        )}
      </div>
    </div>`;
}
