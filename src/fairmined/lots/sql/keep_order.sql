-- From here on, tables keep the order rows are inserted in and scans read
-- them in that order (final in line order, and its texts written so).
SET preserve_insertion_order = true
