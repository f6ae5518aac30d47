-- Columns that store text from RuntimeCreated take whatever its schema allows: a check's name is "case:" and a test
-- case name (up to 200 characters), a runtime id up to 2048 characters.
alter table test_check alter column name type text;
alter table test_run alter column runtime_id type text;
