import { describe, expect, it } from 'vitest';
import { defaultBatchSettings, endpointSettingsSchema, resolveEndpointSettings } from './endpoint-settings';

describe('resolveEndpointSettings: batch', () => {
  it('is off by default; true turns it on with the defaults; an object changes fields over the layers below; false turns it off', () => {
    expect(resolveEndpointSettings([]).batch).toBeUndefined();
    expect(resolveEndpointSettings([{ batch: true }]).batch).toEqual(defaultBatchSettings);
    expect(resolveEndpointSettings([{ batch: { window_ms: 5 } }, { batch: { max_requests: 7 } }]).batch).toEqual({
      ...defaultBatchSettings,
      windowMs: 5,
      maxRequests: 7,
    });
    expect(resolveEndpointSettings([{ batch: true }, { batch: false }]).batch).toBeUndefined();
    expect(resolveEndpointSettings([{ batch: { poll_interval_ms: 9 } }, { concurrency: 3 }]).batch?.pollIntervalMs).toBe(9);
  });

  it('refuses unknown batch fields and out-of-range values', () => {
    expect(endpointSettingsSchema.safeParse({ batch: { window: 5 } }).success).toBe(false);
    expect(endpointSettingsSchema.safeParse({ batch: { max_requests: 0 } }).success).toBe(false);
    expect(endpointSettingsSchema.safeParse({ batch: { max_submissions: 2, poll_interval_ms: 1000 } }).success).toBe(true);
  });
});
