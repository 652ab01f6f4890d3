-- Storing a 100 MB CSV in upload_chunk took 3.4 s with PostgreSQL's default TOAST compression (pglz) and
-- 0.4 s with LZ4, which compresses text about as well: LZ4 where the server is built with it, else no
-- compression at all (pglz costs more time than the disk it saves).
do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
        alter table upload_chunk alter column data set compression lz4;
    else
        alter table upload_chunk alter column data set storage external;
    end if;
end
$$;
