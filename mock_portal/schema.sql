-- State of the mock: employers, employees (one row per vault), documents, letters, tokens, refusals.
CREATE TABLE IF NOT EXISTS clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    now TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS employer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    siret TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS employee (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id INTEGER NOT NULL REFERENCES employer (id),
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    birth_city TEXT NOT NULL,
    birth_month INTEGER NOT NULL CHECK (birth_month BETWEEN 1 AND 12),
    mobile TEXT NOT NULL,
    private_number TEXT NOT NULL,
    identifier TEXT UNIQUE,
    email TEXT,
    password_hash TEXT,
    must_personalise INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    paperless INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    password_epoch INTEGER NOT NULL DEFAULT 0,  -- one more at each password change: older sessions end
    hired_on TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS employee_email ON employee (email);

CREATE TABLE IF NOT EXISTS payroll_run (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id INTEGER NOT NULL REFERENCES employer (id),
    period TEXT NOT NULL,
    deposited_at TEXT NOT NULL,
    UNIQUE (employer_id, period)
);

CREATE TABLE IF NOT EXISTS document (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employee_id INTEGER NOT NULL REFERENCES employee (id),
    folder TEXT NOT NULL,
    title TEXT NOT NULL,
    period TEXT,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    content BLOB NOT NULL,
    details TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_owner ON document (employee_id, folder);

CREATE TABLE IF NOT EXISTS letter (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employee_id INTEGER NOT NULL REFERENCES employee (id),
    identifier TEXT NOT NULL,
    provisional_password TEXT NOT NULL,
    private_number TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS reset_token (
    token_hash TEXT PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee (id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE IF NOT EXISTS refusal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employee_id INTEGER NOT NULL REFERENCES employee (id),
    employer_id INTEGER NOT NULL REFERENCES employer (id),
    reference TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- The simulator's own record: who each started situation made, and how they log in (the trainer's page shows it).
CREATE TABLE IF NOT EXISTS started_situation (
    employee_id INTEGER PRIMARY KEY REFERENCES employee (id),
    situation TEXT NOT NULL,
    variant INTEGER NOT NULL,
    password TEXT,
    provisional_password TEXT
);
