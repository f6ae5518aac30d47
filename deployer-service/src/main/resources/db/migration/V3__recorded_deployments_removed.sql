-- The RECORDED target (a deployment recorded without a runtime) is gone: its rows had nothing to tear down.
update deployment set status = 'REMOVED', removed_at = now() where target = 'RECORDED' and status <> 'REMOVED';
