INSERT INTO extra SELECT unnest($line), unnest($check_name), unnest($message), unnest($args)
