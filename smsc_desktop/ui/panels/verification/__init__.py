"""The panels of the Verification tab (``ui/tabs/verification.py`` lays them out):

- ``call_verification.CallVerificationPanel``: the call tester, made of
  ``request_form.RequestForm`` (the phone and the limit), ``cards.CardsArea`` (the
  verifications in progress, one ``card.VerificationCard`` each) and
  ``history.HistoryPane`` (the account's history);
- ``handler_url_builder.HandlerUrlBuilder``: the handler URL for the SMSC settings;
- ``signature_checker.SignatureChecker``: is a received callback genuine?
- ``send_callback.SendCallbackPanel``: post a signed sample callback to a handler.

Their wording is in ``ui/texts/verification.py`` where panels share it.
"""
