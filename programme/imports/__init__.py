"""Measures from a spreadsheet (XLSX or CSV, the export's columns) into a draft programme:
read, plan with every row's errors, preview, and apply through the measure services."""
