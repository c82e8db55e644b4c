"""A programme's measures as a spreadsheet (XLSX and CSV), narrowed by the overview's filters."""
