# PostgreSQL for deploy/compose.yaml where no registry serves postgres:17-alpine: Debian's
# postgresql-15 on the Debian base image, started like the official image (POSTGRES_USER,
# POSTGRES_DB, POSTGRES_PASSWORD_FILE; data in /var/lib/postgresql/data).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
      /var/lib/postgresql/15 /etc/postgresql/15 \
 && install -d -m 0700 -o postgres -g postgres /var/lib/postgresql/data \
 && install -d -o postgres -g postgres /var/run/postgresql
COPY deploy/images/postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
USER postgres
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint"]
