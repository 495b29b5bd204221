# EdgeLake node for the REST PUT side-by-side benchmark (bench/intake/rest-vs-edgelake.sh): REST + streamer, no
# master, no database behind the buffers; the streaming thresholds are EdgeLake's defaults (60 seconds, 10KB), as on
# Edge Publisher. Reads env: EL_IP, EL_PUB_TCP, EL_PUB_REST, EL_COMPANY (shared/edgelake-peer/env.sh).
set cli off
set node name elrest
set company_name = $EL_COMPANY
create work directories
run tcp server where external_ip = $EL_IP and external_port = $EL_PUB_TCP and internal_ip = $EL_IP and internal_port = $EL_PUB_TCP and bind = true and threads = 6
run rest server where external_ip = $EL_IP and external_port = $EL_PUB_REST and internal_ip = $EL_IP and internal_port = $EL_PUB_REST and bind = true and timeout = 30 and threads = 6
run streamer
