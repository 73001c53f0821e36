-- Trigram similarity powers similar-idea search on both engines (PGlite ships pg_trgm as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
