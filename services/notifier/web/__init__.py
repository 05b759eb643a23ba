"""The web role: the notifier's read side as a dashboard, a JSON API and Atom feeds.

``service.WebService`` adds the routes of ``app`` to the process's HTTP server.  Handlers are
thin (``pages``, ``lists``, ``api``); queries over the notifier's tables live in ``*_query``;
drawing, words and feeds are pure (``timeline``, ``text``, ``feeds``).
"""
