from cryptography import exceptions as crypto_exc
from oslo_utils import excutils

from depot import errors
from depot.i18n import _LI
from depot import store_api
from neutronclient.common import exceptions as client_exc


def publish_blob(store, catalog, blob_id, stream):
    location = store_api.add_to_backend(store, blob_id, stream)
    try:
        catalog.mark_active(blob_id, location)
    # ruleid: rollback-only-for-listed-exceptions
    except (errors.BlobNotFound, errors.Conflict):
        with excutils.save_and_reraise_exception():
            store_api.delete_from_backend(location)


def publish_blob_fixed(store, catalog, blob_id, stream):
    location = store_api.add_to_backend(store, blob_id, stream)
    try:
        catalog.mark_active(blob_id, location)
    # ok: rollback-only-for-listed-exceptions
    except Exception:
        with excutils.save_and_reraise_exception():
            store_api.delete_from_backend(location)


def publish_with_catch_all_sibling(store, catalog, blob_id, stream):
    # The typed handler picks the user's error; the catch-all beside it releases for every other type.
    location = store_api.add_to_backend(store, blob_id, stream)
    try:
        catalog.mark_active(blob_id, location)
    # ok: rollback-only-for-listed-exceptions
    except errors.Conflict:
        store_api.delete_from_backend(location)
        raise errors.Gone(blob_id)
    except Exception:
        with excutils.save_and_reraise_exception():
            store_api.delete_from_backend(location)


def publish_with_outer_rollback(store, catalog, blob_id, stream):
    # An enclosing handler releases whatever the inner typed one lets through.
    location = store_api.add_to_backend(store, blob_id, stream)
    try:
        try:
            catalog.mark_active(blob_id, location)
        # ok: rollback-only-for-listed-exceptions
        except errors.Conflict:
            store_api.delete_from_backend(location)
            raise errors.Gone(blob_id)
    except Exception:
        with excutils.save_and_reraise_exception():
            store_api.delete_from_backend(location)


def publish_with_finally(store, catalog, blob_id, stream):
    location = store_api.add_to_backend(store, blob_id, stream)
    done = False
    try:
        catalog.mark_active(blob_id, location)
        done = True
    # ok: rollback-only-for-listed-exceptions
    except errors.Conflict:
        store_api.delete_from_backend(location)
        done = True
        raise
    finally:
        if not done:
            store_api.delete_from_backend(location)


class Uploader(object):

    def __init__(self, catalog):
        self.catalog = catalog
        self._pending = {}

    def _discard(self, location):
        # Released by a helper of this class: its body calls the store's delete.
        store_api.delete_from_backend(location)

    def finish(self, blob_id, location):
        try:
            self.catalog.mark_active(blob_id, location)
            self.catalog.notify(blob_id)
        # ruleid: rollback-only-for-listed-exceptions
        except errors.BlobNotFound:
            self._discard(location)
            raise errors.Gone(blob_id)
        return location

    def finish_returning(self, blob_id, location):
        try:
            self.catalog.mark_active(blob_id, location)
        # ok: rollback-only-for-listed-exceptions
        except errors.BlobNotFound:
            # Recovers from an expected condition and reports it by value: not a rollback of a failed operation.
            self._discard(location)
            return None
        return location

    def verify_then_publish(self, blob_id, location, record):
        try:
            _ensure_not_failed(record)
        # ok: rollback-only-for-listed-exceptions
        except errors.BlobFailed:
            # The checker raises only the listed type; anything else from it is a programming error.
            self._discard(location)
            raise

    def verify_loosely(self, blob_id, location, record):
        try:
            _ensure_not_failed_or_stale(record, self.catalog)
        # ruleid: rollback-only-for-listed-exceptions
        except errors.BlobFailed:
            self._discard(location)
            raise

    def forget(self, blob_id):
        try:
            self.catalog.mark_active(blob_id, None)
        # ok: rollback-only-for-listed-exceptions
        except errors.BlobNotFound:
            # An in-memory edit, not a resource given back.
            self._pending.pop(blob_id)
            raise

    def retry_after_cleanup(self, blob_id, location):
        try:
            self.catalog.mark_active(blob_id, location)
        # ok: rollback-only-for-listed-exceptions
        except errors.Conflict:
            # The handler cleans up and carries on: not a rollback of a failed operation.
            store_api.delete_from_backend(location)
        self.catalog.notify(blob_id)

    def swallow_others(self, blob_id, location):
        try:
            self.catalog.mark_active(blob_id, location)
        # ok: rollback-only-for-listed-exceptions
        except errors.Conflict:
            store_api.delete_from_backend(location)
            raise
        except Exception:
            # Other failures are logged and the function returns normally: nothing leaves unreleased.
            return None


def _ensure_not_failed(record):
    if record.get('state') == 'failed':
        raise errors.BlobFailed(record['id'])


def _ensure_not_failed_or_stale(record, catalog):
    if record.get('state') == 'failed':
        raise errors.BlobFailed(record['id'])
    catalog.refresh(record['id'])


def only_logging_in_body(location, log):
    try:
        log.info('publishing %s', location)
    # ok: rollback-only-for-listed-exceptions
    except errors.Conflict:
        store_api.delete_from_backend(location)
        raise


def upload_through_domain(repo, blob, data, size):
    try:
        repo.save(blob)
        blob.set_data(data, size)
        repo.save(blob, from_state='saving')
    # ruleid: rollback-only-for-listed-exceptions
    except errors.BlobNotFound:
        blob.delete()
        raise errors.Gone(blob.id)


def rename_through_domain(repo, blob, name):
    # Nothing was written to a store here: `delete` undoes no acquisition of this function.
    try:
        blob.name = name
        repo.save(blob)
    # ok: rollback-only-for-listed-exceptions
    except errors.Conflict:
        blob.delete()
        raise


def bind_with_client_root(client, port_id, host):
    binding = client.create_port_binding(port_id, {'binding': {'host': host}})
    try:
        client.activate_port_binding(port_id, host)
    # ok: rollback-only-for-listed-exceptions
    except client_exc.NeutronClientException:
        # The client library's root exception: every failure it reports is caught.
        client.delete_port_binding(port_id, host)
        raise
    return binding


def attach_then_record(volume_api, bdm, volume_id, instance):
    # Only the attachment call itself can fail before the handler matters: if it fails there is nothing to delete.
    try:
        attachment_id = volume_api.attachment_create(volume_id, instance)
        bdm.attachment_id = attachment_id
    # ok: rollback-only-for-listed-exceptions
    except errors.InstanceGone:
        volume_api.attachment_delete(attachment_id)
        raise


def attach_then_save(volume_api, bdm, volume_id, instance):
    try:
        attachment_id = volume_api.attachment_create(volume_id, instance)
        bdm.attachment_id = attachment_id
        bdm.save()
    # ruleid: rollback-only-for-listed-exceptions
    except errors.InstanceGone:
        volume_api.attachment_delete(attachment_id)
        raise


class Swapper(object):

    def __init__(self, db, disks):
        self.db = db
        self.disks = disks

    def _ensure_free(self, volume):
        # Raises only the listed type itself; its other failures are the database's.
        rows = self.db.attachments_for(volume)
        if rows:
            raise errors.VolumeBusy(volume)

    def _ensure_free_or_gone(self, volume):
        rows = self.db.attachments_for(volume)
        if rows:
            raise errors.VolumeBusy(volume)
        if volume.deleted:
            raise errors.VolumeGone(volume)

    def swap_checked(self, volume, connection):
        try:
            self._ensure_free(volume)
        # ruleid: rollback-only-for-listed-exceptions[weak]
        except errors.VolumeBusy:
            with excutils.save_and_reraise_exception():
                self.disks.disconnect_volume(connection)

    def swap_loosely_checked(self, volume, connection):
        # The checker also raises a type the handler does not list: a failure the request provokes escapes.
        try:
            self._ensure_free_or_gone(volume)
        # ruleid: rollback-only-for-listed-exceptions[gap]
        except errors.VolumeBusy:
            with excutils.save_and_reraise_exception():
                self.disks.disconnect_volume(connection)


def wait_then_keep(volume_api, wait_func, ctx, volume_id):
    # `wait_func` is whatever the caller passes: no evidence of what else it raises.
    try:
        wait_func(ctx, volume_id)
    # ruleid: rollback-only-for-listed-exceptions[weak]
    except errors.VolumeNotCreated:
        with excutils.save_and_reraise_exception():
            volume_api.delete(ctx, volume_id)


def wait_then_record(volume_api, wait_func, registry, ctx, volume_id):
    # The unknown callee is not the only step: the registry's update can fail in any way.
    try:
        wait_func(ctx, volume_id)
        registry.record_ready(ctx, volume_id)
    # ruleid: rollback-only-for-listed-exceptions[gap]
    except errors.VolumeNotCreated:
        with excutils.save_and_reraise_exception():
            volume_api.delete(ctx, volume_id)


def verify_upload(verifier, location, log):
    try:
        # cryptography's verify() reports a bad signature only as InvalidSignature; the marker cannot fail the step.
        verifier.verify()
        msg = _LI('signature verified for %s')
        log.info(msg, location)
    # ok: rollback-only-for-listed-exceptions
    except crypto_exc.InvalidSignature:
        store_api.delete_from_backend(location)
        raise errors.Gone(location)


def verify_then_publish_upload(verifier, catalog, location):
    try:
        verifier.verify()
        catalog.mark_active(location)
    # ruleid: rollback-only-for-listed-exceptions[gap]
    except crypto_exc.InvalidSignature:
        store_api.delete_from_backend(location)
        raise errors.Gone(location)
