// cleanup-loop-aborts-on-error: low confidence off the error path, unless the per-item `try` shows the loop is meant
// to survive a failed item: it goes on for some failures of the release and re-raises other, named ones.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const SOURCE = `from oslo_utils import excutils


def selective_with_reraise(client, ids, ClientError, LOG):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except ClientError as e:
            if e.status_code == 404:
                LOG.warning("gone: %s", item_id)
            else:
                with excutils.save_and_reraise_exception():
                    LOG.exception("failed: %s", item_id)


def selective_with_continue(client, ids, ClientError):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except ClientError as e:
            if e.code == 404:
                continue
            raise


def always_reraises(client, ids, ClientError, LOG):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except ClientError:
            LOG.exception("failed: %s", item_id)
            raise


def save_and_reraise_only(client, ids, ClientError, LOG):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except ClientError:
            with excutils.save_and_reraise_exception():
                LOG.exception("failed: %s", item_id)


def other_clause_reraises(client, ids, ClientError, LOG):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except ClientError:
            LOG.warning("ignored: %s", item_id)
        except Exception:
            with excutils.save_and_reraise_exception():
                LOG.exception("unexpected: %s", item_id)


def no_handler(client, ids):
    for item_id in ids:
        client.delete_port(item_id)


def named_sibling_reraises(client, ids, NotFound, CloudError, LOG):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except NotFound:
            LOG.info("already gone: %s", item_id)
        except CloudError:
            LOG.exception("failed: %s", item_id)
            raise


def catch_all_selective(client, ids):
    for item_id in ids:
        try:
            client.delete_port(item_id)
        except Exception as e:
            if getattr(e, "code", None) == 404:
                continue
            raise
`;

describe('cleanup-loop-aborts-on-error confidence', () => {
  it('medium only where the try goes on for some failures and re-raises a named one', async () => {
    const rule = allRules().find((r) => r.meta.id === 'cleanup-loop-aborts-on-error')!;
    const { findings } = await analyzePython('loops.py', SOURCE, [rule], { keepSuppressed: false });
    expect(findings.map((f) => [f.range.startLine, f.confidence])).toEqual([
      [7, 'medium'], [19, 'medium'], [29, 'low'], [38, 'low'], [47, 'low'], [57, 'low'], [63, 'medium'], [74, 'low'],
    ]);
  });
});
