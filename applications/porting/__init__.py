"""Moving applications in and out in numbers: bulk actions (`bulk`) and the CSV import
(`csv_import`). The data export lives in `jobforge.account_data`, beside the rest of the
account's data."""
