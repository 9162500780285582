-- Issue 15, retention: persons not verified for the office's period are flagged
-- (`privacy_verify_after` in settings, months, default 24). `verified_on` exists
-- since 001; from now on it is set when a person is recorded, marked verified or
-- edited through the form. A person recorded without one counts from the day they
-- were recorded.
UPDATE persons SET verified_on = substr(created_at, 1, 10)
 WHERE verified_on IS NULL OR verified_on = '';
CREATE INDEX persons_by_verified ON persons (verified_on)
 WHERE deleted_at IS NULL AND erased_at IS NULL;
