// XLSX
