"""The panels of the Numbers tab (``ui/tabs/numbers.py`` lays them out):

- ``free_list.FreeNumbersPane``: the free numbers (toolbar, filters, table, CSV export);
- ``my_numbers.MyNumbersPane``: My numbers (auto-renewal switches, totals, add/confirm/forget);
- ``journal.JournalPane``: the journal of money spent and renewals changed;
- ``rent_flow.RentFlow``: confirming a rent, sending it once and reporting its outcome
  (with the reconciliation of an unknown one);
- ``scope.AccountScope``: what the tab lends them for the active account;
  ``csv_files``: choosing and writing a CSV file.

Their wording is in ``ui/texts/numbers.py``.
"""
