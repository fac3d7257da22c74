-- POST the signed application in $BODY_FILE without an Idempotency-Key: every request creates
-- an application (signature check + durable insert), the cost a submit really has.
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
