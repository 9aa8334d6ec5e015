"""Staff exports (XLSX workbook, CSV and JSON per type) and the anonymised open-data package."""
