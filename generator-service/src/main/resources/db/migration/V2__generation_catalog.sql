-- Generations now come from the registry's catalog bindings: keep which catalog and provider each bundle was made for.
alter table generated_bundle add column catalog_version varchar(64);
alter table generated_bundle add column model_provider varchar(16);
