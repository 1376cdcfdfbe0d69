-- Names as people type them: without accents (Lefevre finds Lefèvre), and with the Arabic letters
-- that are written several ways made one (أحمد, إحمد, آحمد and احمد; ة and ه; ى and ي; no
-- tatweel or short vowels). unaccent and pg_trgm are trusted extensions (PostgreSQL 13+): the
-- database's owner may create them. unaccent with its dictionary named is what makes the function
-- safe to declare immutable (usable in an index).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION fold_name(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT translate(
      regexp_replace(lower(unaccent('unaccent'::regdictionary, $1)), '[\u0640\u064B-\u065F\u0670]', '', 'g'),
      'أإآٱةى', 'ااااهي')
  $$;
