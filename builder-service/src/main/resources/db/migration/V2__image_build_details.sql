-- Where the image went and what it is made of: repository and immutable tag, the base it was built on (by digest),
-- its compressed size and its layers (platform, digest, size, whether it came from the base). Empty for older rows.
alter table image_build
    add column repository  varchar(300),
    add column tag         varchar(128),
    add column base_digest varchar(71),
    add column size_bytes  bigint,
    add column layers      jsonb;
