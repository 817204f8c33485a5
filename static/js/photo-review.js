// The blur-region review page: draws the regions over the photo and lets an editor drag a new one.
// Without JavaScript the regions are listed with their coordinates and the fields are typed in.
(function () {
    "use strict";

    function place(element, left, top, width, height) {
        element.style.left = left + "%";
        element.style.top = top + "%";
        element.style.width = width + "%";
        element.style.height = height + "%";
    }

    function setUp(canvas) {
        canvas.querySelectorAll("[data-photo-review-box]").forEach(function (box) {
            place(box, box.dataset.left, box.dataset.top, box.dataset.width, box.dataset.height);
        });

        var form = document.querySelector("[data-photo-review-add-form]");
        var drawing = canvas.querySelector("[data-photo-review-drawing]");
        if (!form || !drawing) {
            return;
        }
        var photoWidth = Number(canvas.dataset.photoWidth);
        var photoHeight = Number(canvas.dataset.photoHeight);
        var start = null;

        function point(event) {
            var rect = canvas.getBoundingClientRect();
            return {
                x: Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1),
                y: Math.min(Math.max((event.clientY - rect.top) / rect.height, 0), 1),
            };
        }

        function box(a, b) {
            return {left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y)};
        }

        function fill(name, value) {
            var input = form.querySelector("[name='region-" + name + "']");
            if (input) {
                input.value = value;
            }
        }

        canvas.addEventListener("pointerdown", function (event) {
            start = point(event);
            canvas.setPointerCapture(event.pointerId);
            drawing.hidden = false;
            place(drawing, start.x * 100, start.y * 100, 0, 0);
            event.preventDefault();
        });
        canvas.addEventListener("pointermove", function (event) {
            if (!start) {
                return;
            }
            var b = box(start, point(event));
            place(drawing, b.left * 100, b.top * 100, b.width * 100, b.height * 100);
        });
        canvas.addEventListener("pointerup", function (event) {
            if (!start) {
                return;
            }
            var b = box(start, point(event));
            start = null;
            var x = Math.round(b.left * photoWidth);
            var y = Math.round(b.top * photoHeight);
            fill("x", x);
            fill("y", y);
            fill("width", Math.min(Math.round(b.width * photoWidth), photoWidth - x));
            fill("height", Math.min(Math.round(b.height * photoHeight), photoHeight - y));
            var first = form.querySelector("[name='region-x']");
            if (first) {
                first.focus();
            }
        });
    }

    document.querySelectorAll("[data-photo-review-canvas]").forEach(setUp);
})();
