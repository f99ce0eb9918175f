"""The panels of the Overview tab (``ui/tabs/overview.py`` lays them out):

- ``toolbar.OverviewToolbar``: refresh all / stop, the automatic interval, the filters, the
  CSV export, the summary of every account and of the last refresh;
- ``accounts_table.AccountsTable``: one row per account (sorted, filtered; a double-click or
  Enter opens the account in the tab of the column);
- ``export``: the overview as an Excel-safe CSV file.

Their wording is in ``ui/texts/overview.py``; the data is ``ctx.overview``
(:class:`~smsc_desktop.services.overview.OverviewService`).
"""
