-- The certificates, one row each, with their dates also as the messages write them;
-- models: the supply models a certificate covers (NULL: the file does not say).
CREATE TABLE certs AS SELECT
    unnest($cert) AS cert,
    unnest($std) AS std,
    unnest($metals) AS metals,
    unnest($scope) AS scope,
    unnest($eco) AS eco,
    unnest($valid_from) AS valid_from,
    unnest($valid_to) AS valid_to,
    unnest($from_text) AS from_text,
    unnest($until_text) AS until_text,
    unnest($status) AS status,
    unnest($since) AS since,
    unnest($since_text) AS since_text,
    unnest($models)::VARCHAR[] AS models,
    unnest($models_text)::VARCHAR AS models_text,
    unnest($std_models_text)::VARCHAR AS std_models_text,
    unnest($std_models)::VARCHAR[] AS std_models
