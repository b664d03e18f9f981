import type { Deps } from '@hubspoke/domain';

export interface WebOptions {
  deps: Deps;
}
