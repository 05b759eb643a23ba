"""The OpenAPI 3.1 document of the JSON API, generated from the endpoints' own models.

Each ``Endpoint`` names its query model (``params``) and its response model (``schemas``): the
parameters come from the first's JSON schema, the responses and ``components`` from the
second's, so the document cannot drift from what the handlers parse and answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from services.notifier.web.schemas import ErrorOut

REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    query: type[BaseModel]
    response: type[BaseModel] | None  # None: not JSON (the Atom feeds)
    content_type: str = "application/json"


def document(endpoints: Sequence[Endpoint], *, version: str) -> dict[str, Any]:
    models = [e.response for e in endpoints if e.response is not None] + [ErrorOut]
    refs, top = models_json_schema([(m, "serialization") for m in models], ref_template=REF)
    error = {"application/json": {"schema": refs[(ErrorOut, "serialization")]}}
    paths = {}
    for e in endpoints:
        if e.response is not None:
            body = {"schema": refs[(e.response, "serialization")]}
        else:
            body = {"schema": {"type": "string"}}
        paths[e.path] = {
            "get": {
                "summary": e.summary,
                "operationId": e.path.strip("/").replace("/", "_").replace(".", "_"),
                "parameters": parameters(e.query),
                "responses": {
                    "200": {"description": "OK", "content": {e.content_type: body}},
                    "400": {"description": "a bad or unknown parameter", "content": error},
                    "503": {"description": "the store cannot be read", "content": error},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "readoutwatch",
            "version": version,
            "description": "Read-only: contacts between leaders, pairs, alerts, source health.",
        },
        "paths": paths,
        "components": {"schemas": top.get("$defs", {})},
    }


def parameters(query: type[BaseModel]) -> list[dict[str, Any]]:
    schema = query.model_json_schema(ref_template=REF)
    out = []
    for name, prop in schema.get("properties", {}).items():
        prop = {k: v for k, v in prop.items() if k != "title"}
        description = prop.pop("description", "")
        prop.pop("examples", None)
        param = {"name": name, "in": "query", "required": False, "schema": prop}
        if description:
            param["description"] = description
        out.append(param)
    return out
