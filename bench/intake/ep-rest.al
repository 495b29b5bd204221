# Edge Publisher, intake only, for bench/intake/rest-vs-edgelake.sh: the same servers and streamer as the EdgeLake
# side (bench/intake/edgelake-rest.al), default thresholds, no publisher process.
set node name eprest
run tcp server where external_ip = !ip and external_port = !anylog_server_port and internal_ip = !ip and internal_port = !anylog_server_port and bind = true and threads = 6
run rest server where external_ip = !ip and external_port = !anylog_rest_port and internal_ip = !ip and internal_port = !anylog_rest_port and bind = true and timeout = 30 and threads = 6
run streamer
